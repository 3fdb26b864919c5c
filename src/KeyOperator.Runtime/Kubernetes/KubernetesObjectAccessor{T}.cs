// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using k8s.Models;
using KeyOperator.Runtime.Informers;

namespace KeyOperator.Runtime.Kubernetes;

/// <summary>Reads the runtime's view of an object (identity, version, owners) from the library's <see cref="V1ObjectMeta"/>.</summary>
/// <typeparam name="T">A built-in model or one of our kinds.</typeparam>
public sealed class KubernetesObjectAccessor<T> : IObjectAccessor<T>
    where T : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The one accessor; it holds no state.</summary>
    public static KubernetesObjectAccessor<T> Instance { get; } = new();

    /// <inheritdoc />
    public string? GetNamespace(T obj) => obj.Metadata?.NamespaceProperty;

    /// <inheritdoc />
    public string GetName(T obj) => obj.Metadata?.Name ?? string.Empty;

    /// <inheritdoc />
    public string? GetUid(T obj) => obj.Metadata?.Uid;

    /// <inheritdoc />
    public string? GetResourceVersion(T obj) => obj.Metadata?.ResourceVersion;

    /// <inheritdoc />
    public long? GetGeneration(T obj) => obj.Metadata?.Generation;

    /// <inheritdoc />
    public DateTimeOffset? GetDeletionTimestamp(T obj) =>
        obj.Metadata?.DeletionTimestamp is { } deletion ? new DateTimeOffset(DateTime.SpecifyKind(deletion, DateTimeKind.Utc)) : null;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string>? GetLabels(T obj) => obj.Metadata?.Labels switch
    {
        null => null,
        IReadOnlyDictionary<string, string> labels => labels,
        { } labels => new Dictionary<string, string>(labels, StringComparer.Ordinal),
    };

    /// <inheritdoc />
    public IEnumerable<OwnerInfo> GetOwners(T obj) =>
        obj.Metadata?.OwnerReferences?.Select(o => new OwnerInfo(o.ApiVersion, o.Kind, o.Name, o.Uid, o.Controller == true)) ?? [];
}
