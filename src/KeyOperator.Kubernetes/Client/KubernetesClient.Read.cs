// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Serialization.Metadata;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;

namespace KeyOperator.Kubernetes;

/// <content>Reads: get, list, paged list-all, metadata-only list.</content>
public sealed partial class KubernetesClient
{
    /// <inheritdoc />
    public async Task<T> GetAsync<T>(
        ResourceType type, string? @namespace, string name, JsonTypeInfo<T> typeInfo, GetOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(typeInfo);
        string path = ResourcePath.Build(type, @namespace ?? DefaultNamespace, name, options?.Subresource, [new("resourceVersion", options?.ResourceVersion)]);
        return await SendForObjectAsync(new KubernetesRequest { Method = HttpMethod.Get, Verb = "get", Type = type, PathAndQuery = path }, typeInfo, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<KubernetesList<T>> ListAsync<T>(
        ResourceType type, string? @namespace, JsonTypeInfo<KubernetesList<T>> typeInfo, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(typeInfo);
        return SendForObjectAsync(ListRequest(type, @namespace, options, "application/json"), typeInfo, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<KubernetesList<T>> ListAllAsync<T>(
        ResourceType type, string? @namespace, JsonTypeInfo<KubernetesList<T>> typeInfo, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(typeInfo);
        ListOptions page = (options ?? new ListOptions()) with { Continue = null, Limit = options?.Limit ?? 500 };
        var items = new List<T>();
        KubernetesList<T>? first = null;
        while (true)
        {
            KubernetesList<T> list = await ListAsync(type, @namespace, typeInfo, page, cancellationToken).ConfigureAwait(false);
            first ??= list;
            items.AddRange(list.Items);
            if (string.IsNullOrEmpty(list.Metadata.Continue))
            {
                // Every page is served from the first page's snapshot, so its version is the one to watch from.
                return first with { Items = items, Metadata = first.Metadata with { Continue = null, RemainingItemCount = null } };
            }

            // A continue token fixes the version; resourceVersion must not be sent with it.
            page = page with { Continue = list.Metadata.Continue, ResourceVersion = null, ResourceVersionMatch = null };
        }
    }

    /// <inheritdoc />
    public Task<KubernetesList<PartialObjectMetadata>> ListMetadataAsync(
        ResourceType type, string? @namespace, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        return SendForObjectAsync(
            ListRequest(type, @namespace, options, MetadataListAccept), KubernetesJsonContext.Default.KubernetesListPartialObjectMetadata, cancellationToken);
    }

    private KubernetesRequest ListRequest(ResourceType type, string? ns, ListOptions? options, string accept)
    {
        string path = ResourcePath.Build(type, ns, null, null,
        [
            new("labelSelector", options?.LabelSelector),
            new("fieldSelector", options?.FieldSelector),
            new("limit", options?.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("continue", options?.Continue),
            new("resourceVersion", options?.ResourceVersion),
            new("resourceVersionMatch", options?.ResourceVersionMatch),
            new("timeoutSeconds", options?.TimeoutSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]);
        return new KubernetesRequest { Method = HttpMethod.Get, Verb = "list", Type = type, PathAndQuery = path, Accept = accept };
    }
}
