// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using KeyOperator.Kubernetes;
using KeyOperator.Kubernetes.Models;
using RuntimeInformers = KeyOperator.Runtime.Informers;

namespace KeyOperator.Runtime.Kubernetes;

/// <summary>
/// Feeds an informer from the API server through our client: paged LIST, then WATCH. A 410 from the client becomes
/// the runtime's ResourceExpiredException, which makes the reflector relist.
/// </summary>
public sealed class KubernetesListWatchSource<T>(
    IKubernetesClient client,
    ResourceType type,
    string? @namespace,
    JsonTypeInfo<T> itemType,
    JsonTypeInfo<KubernetesList<T>> listType) : RuntimeInformers.IListWatchSource<T>
    where T : class
{
    /// <inheritdoc />
    public async Task<RuntimeInformers.ListPage<T>> ListPageAsync(RuntimeInformers.ListRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            KubernetesList<T> list = await client.ListAsync(
                type,
                @namespace,
                listType,
                new ListOptions { Limit = request.Limit, Continue = request.Continue, ResourceVersion = request.ResourceVersion, LabelSelector = request.LabelSelector },
                cancellationToken).ConfigureAwait(false);
            return new RuntimeInformers.ListPage<T>(list.Items, list.Metadata.ResourceVersion ?? string.Empty, string.IsNullOrEmpty(list.Metadata.Continue) ? null : list.Metadata.Continue);
        }
        catch (global::KeyOperator.Kubernetes.Errors.ResourceExpiredException ex)
        {
            throw new RuntimeInformers.ResourceExpiredException(ex.Message, ex);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<RuntimeInformers.WatchEvent<T>> WatchAsync(RuntimeInformers.WatchRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        WatchOptions options = new()
        {
            ResourceVersion = request.ResourceVersion,
            TimeoutSeconds = (int)Math.Ceiling(request.Timeout.TotalSeconds),
            LabelSelector = request.LabelSelector,
            AllowWatchBookmarks = true,
        };
        IAsyncEnumerator<WatchEvent<T>> events = client.WatchAsync(type, @namespace, itemType, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (events.ConfigureAwait(false))
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await events.MoveNextAsync().ConfigureAwait(false);
                }
                catch (global::KeyOperator.Kubernetes.Errors.ResourceExpiredException ex)
                {
                    throw new RuntimeInformers.ResourceExpiredException(ex.Message, ex);
                }

                if (!more)
                {
                    yield break;
                }

                WatchEvent<T> current = events.Current;
                yield return new RuntimeInformers.WatchEvent<T>(Map(current.Type), current.Object, current.ResourceVersion);
            }
        }
    }

    private static RuntimeInformers.WatchEventType Map(WatchEventType type) => type switch
    {
        WatchEventType.Added => RuntimeInformers.WatchEventType.Added,
        WatchEventType.Modified => RuntimeInformers.WatchEventType.Modified,
        WatchEventType.Deleted => RuntimeInformers.WatchEventType.Deleted,
        WatchEventType.Bookmark => RuntimeInformers.WatchEventType.Bookmark,
        _ => throw new InvalidOperationException($"Unexpected watch event type {type}."),
    };
}
