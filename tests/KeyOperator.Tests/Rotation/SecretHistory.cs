// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using KeyOperator.Runtime.Client;

namespace KeyOperator.Tests.Rotation;

/// <summary>
/// Every version of every Secret written while it runs, taken from a watch: unlike polling, a watch misses no
/// intermediate write, so "the Secret was never empty" is checked for each state anybody could have mounted.
/// </summary>
/// <remarks>
/// The library's watch reports an ERROR event (such as 410 Gone) or a line it cannot read to <c>onError</c> and
/// carries on; a skipped event would be a hole in the history, so the first such error stops the watch, and reading
/// the history or disposing it throws. A server close without a single event surfaces as an
/// <see cref="EndOfStreamException"/> (wrapped in an <see cref="HttpRequestException"/>); that, like any close, means
/// watching again from the last resourceVersion seen.
/// </remarks>
internal sealed class SecretHistory : IAsyncDisposable
{
    private readonly ConcurrentQueue<V1Secret> _seen = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;

    private SecretHistory(IKubernetes client, string resourceVersion) =>
        _watching = Task.Run(() => WatchAsync(client, resourceVersion, _stop.Token));

    /// <summary>The Secrets seen so far, in the order they were written.</summary>
    public IReadOnlyList<V1Secret> Versions
    {
        get
        {
            ThrowIfFailed();
            return [.. _seen];
        }
    }

    public static async Task<SecretHistory> StartAsync(IKubernetes client)
    {
        V1SecretList list = await client.CoreV1.ListSecretForAllNamespacesAsync(limit: 1);
        return new SecretHistory(client, list.Metadata?.ResourceVersion ?? throw new InvalidOperationException("The Secret list carried no resourceVersion."));
    }

    /// <summary>The versions of one Secret.</summary>
    public IReadOnlyList<V1Secret> Of(string @namespace, string name) =>
        [.. Versions.Where(s => s.Metadata.NamespaceProperty == @namespace && s.Metadata.Name == name)];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _watching;
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }
        finally
        {
            _stop.Dispose();
        }
    }

    // A history with a hole is no history: the watch's failure is the test's.
    private void ThrowIfFailed()
    {
        if (_watching.IsFaulted)
        {
            _watching.GetAwaiter().GetResult();
        }
    }

    private static bool IsEmptyClose(Exception exception) =>
        exception is EndOfStreamException or HttpRequestException { InnerException: EndOfStreamException };

    private async Task WatchAsync(IKubernetes client, string resourceVersion, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Exception? failure = null;
            using CancellationTokenSource abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            void OnError(Exception exception)
            {
                // Called from inside the enumeration, which would otherwise go on past the lost event.
                failure ??= exception;
                abort.Cancel();
            }

            try
            {
                IAsyncEnumerable<(WatchEventType Type, V1Secret Object)> events = client.CoreV1.WatchListSecretForAllNamespacesAsync(
                    allowWatchBookmarks: true,
                    resourceVersion: resourceVersion,
                    onError: OnError,
                    cancellationToken: abort.Token);
                await foreach ((WatchEventType type, V1Secret secret) in events.WithCancellation(abort.Token))
                {
                    switch (type)
                    {
                        case WatchEventType.Added or WatchEventType.Modified:
                            _seen.Enqueue(secret);
                            break;
                        case WatchEventType.Deleted or WatchEventType.Bookmark:
                            break;
                        default:
                            throw new IOException($"Unexpected Secret watch event {type} after resourceVersion {resourceVersion}.");
                    }

                    resourceVersion = secret.Metadata?.ResourceVersion ?? resourceVersion;
                }
            }
            catch (Exception ex) when (failure is null && IsEmptyClose(ex))
            {
                // The server closed the watch before sending anything: watch again from the same version.
            }
            catch (OperationCanceledException) when (failure is not null && !cancellationToken.IsCancellationRequested)
            {
                // Cancelled by OnError; thrown below.
            }
            catch (Exception) when (failure is null && cancellationToken.IsCancellationRequested)
            {
                // Stopped on purpose, however the library's read ended.
                return;
            }

            if (failure is not null)
            {
                throw new IOException(
                    $"The Secret watch failed after resourceVersion {resourceVersion}, so the history would miss versions: {KubernetesErrors.Message(failure)}",
                    failure);
            }
        }
    }
}
