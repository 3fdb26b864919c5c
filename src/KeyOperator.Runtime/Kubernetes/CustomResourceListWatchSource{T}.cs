// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;
using KeyOperator.Runtime.Client;
using RuntimeInformers = KeyOperator.Runtime.Informers;

namespace KeyOperator.Runtime.Kubernetes;

/// <summary>
/// Feeds an informer with one of our kinds through the library's CustomObjects operations. The library hands custom
/// objects over as untyped JSON; each is deserialized here with the kind's source-generated type information, so the
/// library's reflection-based serializer never sees our types.
/// </summary>
/// <typeparam name="T">The kind.</typeparam>
public sealed class CustomResourceListWatchSource<T>(
    IKubernetes client,
    CustomResourceType type,
    string? @namespace,
    JsonTypeInfo<T> itemType,
    JsonTypeInfo<CustomResourceList<T>> listType) : RuntimeInformers.IListWatchSource<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <inheritdoc />
    public async Task<RuntimeInformers.ListPage<T>> ListPageAsync(RuntimeInformers.ListRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        JsonElement body;
        try
        {
            body = await ListAsync(request.LabelSelector, request.Limit, request.Continue, request.ResourceVersion, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (KubernetesErrors.IsGone(ex))
        {
            throw new RuntimeInformers.ResourceExpiredException(KubernetesErrors.Message(ex), ex);
        }

        CustomResourceList<T> list = body.Deserialize(listType) ?? new CustomResourceList<T>();
        string? next = list.Metadata?.ContinueProperty;
        return new RuntimeInformers.ListPage<T>(
            [.. (list.Items ?? []).Select(ManagedFields.Strip)],
            list.Metadata?.ResourceVersion ?? string.Empty,
            string.IsNullOrEmpty(next) ? null : next);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<RuntimeInformers.WatchEvent<T>> WatchAsync(RuntimeInformers.WatchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        int timeoutSeconds = (int)Math.Ceiling(request.Timeout.TotalSeconds);
        return WatchStream.ReadAsync<object, T>(
            (onError, token) => Open(request.LabelSelector, request.ResourceVersion, timeoutSeconds, onError, token),
            wire => ManagedFields.Strip(wire is JsonElement element
                ? element.Deserialize(itemType) ?? throw new JsonException("A watch event carried no object.")
                : throw new JsonException("A watch event's object was not JSON.")),
            static o => o.Metadata?.ResourceVersion,
            cancellationToken);
    }

    private IAsyncEnumerable<(WatchEventType Type, object Object)> Open(string? labelSelector, string resourceVersion, int timeoutSeconds, Action<Exception> onError, CancellationToken cancellationToken) =>
        @namespace is null
            ? client.CustomObjects.WatchListClusterCustomObjectAsync(
                type.Group, type.Version, type.Plural, allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, onError: onError, cancellationToken: cancellationToken)
            : client.CustomObjects.WatchListNamespacedCustomObjectAsync(
                type.Group, type.Version, @namespace, type.Plural, allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, onError: onError, cancellationToken: cancellationToken);

    private async Task<JsonElement> ListAsync(string? labelSelector, int? limit, string? continueToken, string? resourceVersion, CancellationToken cancellationToken)
    {
        using k8s.Autorest.HttpOperationResponse<object> response = @namespace is null
            ? await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync(
                type.Group, type.Version, type.Plural, continueParameter: continueToken, labelSelector: labelSelector, limit: limit, resourceVersion: resourceVersion, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync(
                type.Group, type.Version, @namespace, type.Plural, continueParameter: continueToken, labelSelector: labelSelector, limit: limit, resourceVersion: resourceVersion, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Body is JsonElement element ? element : throw new JsonException("The list response had no JSON body.");
    }
}
