// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Informers;

/// <summary>
/// Reads the object metadata the runtime needs from any model type, so the runtime does not depend on one client
/// library. An implementation for the Kubernetes models is a handful of one-line members.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public interface IObjectAccessor<in T>
{
    /// <summary>metadata.namespace, or null for cluster-scoped objects.</summary>
    string? GetNamespace(T obj);

    /// <summary>metadata.name.</summary>
    string GetName(T obj);

    /// <summary>metadata.uid.</summary>
    string? GetUid(T obj);

    /// <summary>metadata.resourceVersion (opaque; compared only for equality).</summary>
    string? GetResourceVersion(T obj);

    /// <summary>metadata.generation.</summary>
    long? GetGeneration(T obj);

    /// <summary>metadata.deletionTimestamp; non-null means the object is being deleted.</summary>
    DateTimeOffset? GetDeletionTimestamp(T obj);

    /// <summary>metadata.labels.</summary>
    IReadOnlyDictionary<string, string>? GetLabels(T obj);

    /// <summary>metadata.ownerReferences.</summary>
    IEnumerable<OwnerInfo> GetOwners(T obj);
}
