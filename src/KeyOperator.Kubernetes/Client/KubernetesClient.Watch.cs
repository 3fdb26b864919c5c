// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;
using KeyOperator.Kubernetes.Watch;

namespace KeyOperator.Kubernetes;

/// <content>Watches over the newline-delimited event stream.</content>
public sealed partial class KubernetesClient
{
    /// <inheritdoc />
    public IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(
        ResourceType type, string? @namespace, JsonTypeInfo<T> typeInfo, WatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(typeInfo);
        return WatchCoreAsync(type, @namespace, typeInfo, options, "application/json", cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<WatchEvent<PartialObjectMetadata>> WatchMetadataAsync(
        ResourceType type, string? @namespace, WatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        return WatchCoreAsync(type, @namespace, KubernetesJsonContext.Default.PartialObjectMetadata, options, MetadataAccept, cancellationToken);
    }

    private async IAsyncEnumerable<WatchEvent<T>> WatchCoreAsync<T>(
        ResourceType type, string? ns, JsonTypeInfo<T> typeInfo, WatchOptions? options, string accept, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        options ??= new WatchOptions();
        string path = ResourcePath.Build(type, ns, null, null,
        [
            new("watch", "true"),
            new("resourceVersion", options.ResourceVersion),
            new("resourceVersionMatch", options.ResourceVersionMatch),
            new("allowWatchBookmarks", options.AllowWatchBookmarks ? "true" : null),
            new("timeoutSeconds", options.TimeoutSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("labelSelector", options.LabelSelector),
            new("fieldSelector", options.FieldSelector),
            new("sendInitialEvents", options.SendInitialEvents is bool send ? (send ? "true" : "false") : null),
        ]);
        var request = new KubernetesRequest { Method = HttpMethod.Get, Verb = "watch", Type = type, PathAndQuery = path, Accept = accept, Streaming = true };
        using HttpResponseMessage response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);

        // Disposing the response aborts the connection, so a cancelled watch never lingers on a blocked read.
        using CancellationTokenRegistration abort = cancellationToken.Register(static state => ((HttpResponseMessage)state!).Dispose(), response);
        Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            IAsyncEnumerator<WatchEvent<T>> events = WatchStreamReader.ReadAsync(stream, typeInfo, cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using (events.ConfigureAwait(false))
            {
                while (true)
                {
                    bool more;
                    try
                    {
                        more = await events.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is IOException or ObjectDisposedException or HttpRequestException)
                    {
                        throw new OperationCanceledException(cancellationToken);
                    }

                    if (!more)
                    {
                        yield break;
                    }

                    yield return events.Current;
                }
            }
        }
    }
}
