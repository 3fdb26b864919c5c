// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using k8s.Models;

namespace KeyOperator.Runtime.Kubernetes;

/// <summary>
/// Drops <c>metadata.managedFields</c> before an object reaches an informer cache, as controller-runtime's
/// TransformStripManagedFields does: nothing here reads it, and it is often the larger part of a small object.
/// </summary>
internal static class ManagedFields
{
    /// <summary>Strips in place: the object was just deserialized and is not shared yet.</summary>
    public static T Strip<T>(T obj)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        if (obj.Metadata is { ManagedFields: not null } metadata)
        {
            metadata.ManagedFields = null;
        }

        return obj;
    }
}
