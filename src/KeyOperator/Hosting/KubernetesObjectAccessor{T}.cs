// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Kubernetes.Models;
using KeyOperator.Runtime.Informers;

namespace KeyOperator.Hosting;

/// <summary>Reads the runtime's view of an object (identity, version, owners) from standard Kubernetes metadata.</summary>
internal sealed class KubernetesObjectAccessor<T> : IObjectAccessor<T>
    where T : IKubernetesObject
{
    public static KubernetesObjectAccessor<T> Instance { get; } = new();

    public string? GetNamespace(T obj) => obj.Metadata.Namespace;

    public string GetName(T obj) => obj.Metadata.Name ?? string.Empty;

    public string? GetUid(T obj) => obj.Metadata.Uid;

    public string? GetResourceVersion(T obj) => obj.Metadata.ResourceVersion;

    public long? GetGeneration(T obj) => obj.Metadata.Generation;

    public DateTimeOffset? GetDeletionTimestamp(T obj) => obj.Metadata.DeletionTimestamp;

    public IReadOnlyDictionary<string, string>? GetLabels(T obj) => obj.Metadata.Labels;

    public IReadOnlyList<string>? GetFinalizers(T obj) => obj.Metadata.Finalizers;

    public IEnumerable<OwnerInfo> GetOwners(T obj) =>
        obj.Metadata.OwnerReferences?.Select(o => new OwnerInfo(o.ApiVersion, o.Kind, o.Name, o.Uid, o.Controller == true)) ?? [];
}
