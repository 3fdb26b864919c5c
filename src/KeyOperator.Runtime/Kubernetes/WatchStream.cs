// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Runtime.CompilerServices;
using KeyOperator.Runtime.Client;
using RuntimeInformers = KeyOperator.Runtime.Informers;

namespace KeyOperator.Runtime.Kubernetes;

/// <summary>
/// Reads the library's watch enumeration and closes its traps:
/// <list type="bullet">
/// <item>An ERROR event (a Status, typically 410 Gone) and any line that fails to deserialize go to the
/// <c>onError</c> callback and the library carries on; with no callback they would vanish, and a dropped event is a
/// lost update. Here the first error stops the watch and is thrown: 410 as
/// <see cref="RuntimeInformers.ResourceExpiredException"/> (the reflector relists), anything else as itself (the
/// reflector re-watches from the last version it applied, so the skipped event comes again).</item>
/// <item>A watch the server closes without a byte ends in <see cref="EndOfStreamException"/> (the library peeks the
/// first line while buffering the response, so it arrives wrapped in the <see cref="HttpRequestException"/> "Error
/// while copying content to a stream"): that is a normal close, and the sequence just ends.</item>
/// <item>A 410 status on the watch request itself is the same expiry as the ERROR event.</item>
/// </list>
/// </summary>
internal static class WatchStream
{
    public static async IAsyncEnumerable<RuntimeInformers.WatchEvent<T>> ReadAsync<TWire, T>(
        Func<Action<Exception>, CancellationToken, IAsyncEnumerable<(k8s.WatchEventType Type, TWire Object)>> open,
        Func<TWire, T> convert,
        Func<T, string?> resourceVersion,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        Exception? failure = null;
        using CancellationTokenSource stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnError(Exception exception)
        {
            // The library calls this from inside MoveNextAsync; cancelling ends the read at once instead of waiting for
            // the server to close the stream.
            failure ??= exception;
            stop.Cancel();
        }

        IAsyncEnumerator<(k8s.WatchEventType Type, TWire Object)> events = open(OnError, stop.Token).GetAsyncEnumerator(stop.Token);
        await using (events.ConfigureAwait(false))
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await events.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (IsEmptyClose(ex))
                {
                    more = false;
                }
                catch (OperationCanceledException) when (failure is not null && !cancellationToken.IsCancellationRequested)
                {
                    more = false;
                }
                catch (Exception ex) when (KubernetesErrors.IsGone(ex))
                {
                    throw new RuntimeInformers.ResourceExpiredException(KubernetesErrors.Message(ex), ex);
                }

                if (failure is not null)
                {
                    throw KubernetesErrors.IsGone(failure)
                        ? new RuntimeInformers.ResourceExpiredException(KubernetesErrors.Message(failure), failure)
                        : new IOException("The watch stream failed: " + KubernetesErrors.Message(failure), failure);
                }

                if (!more)
                {
                    yield break;
                }

                (k8s.WatchEventType type, TWire wire) = events.Current;
                T obj = convert(wire);
                yield return new RuntimeInformers.WatchEvent<T>(Map(type), obj, resourceVersion(obj));
            }
        }
    }

    // Only the end-of-stream of a clean close: a connection dropped mid-body is an IOException ("response ended
    // prematurely") and stays a failure.
    private static bool IsEmptyClose(Exception exception) =>
        exception is EndOfStreamException or HttpRequestException { InnerException: EndOfStreamException };

    private static RuntimeInformers.WatchEventType Map(k8s.WatchEventType type) => type switch
    {
        k8s.WatchEventType.Added => RuntimeInformers.WatchEventType.Added,
        k8s.WatchEventType.Modified => RuntimeInformers.WatchEventType.Modified,
        k8s.WatchEventType.Deleted => RuntimeInformers.WatchEventType.Deleted,
        k8s.WatchEventType.Bookmark => RuntimeInformers.WatchEventType.Bookmark,
        _ => throw new IOException($"Unexpected watch event type {type}."),
    };
}
