// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using KeyOperator.Runtime.Informers;

namespace KeyOperator.Runtime.Kubernetes;

/// <summary>
/// Deep-copies a built-in model by a JSON round trip through the library's own serializer, the one that read it from
/// the wire: exactly what the server sent survives, and nothing is shared. Costs a few microseconds for a small
/// Secret (docs/performance.md).
/// </summary>
/// <typeparam name="T">The model.</typeparam>
public sealed class KubernetesJsonCopier<T> : IObjectCopier<T>
    where T : class
{
    /// <summary>The one copier; it holds no state.</summary>
    public static KubernetesJsonCopier<T> Instance { get; } = new();

    /// <inheritdoc />
    public T DeepCopy(T obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(obj));
    }
}
