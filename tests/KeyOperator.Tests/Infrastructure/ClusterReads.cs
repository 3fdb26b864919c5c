// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using k8s.Models;
using KeyOperator.Runtime.Client;

namespace KeyOperator.Tests.Infrastructure;

/// <summary>The tests' own reads through the official client, with "absent" as null where a test waits for it.</summary>
internal static class ClusterReads
{
    /// <summary>The result of <paramref name="read"/>, or null when the API server answers 404.</summary>
    public static async Task<T?> OrNullIfNotFoundAsync<T>(Func<Task<T>> read)
        where T : class
    {
        try
        {
            return await read();
        }
        catch (Exception ex) when (KubernetesErrors.IsNotFound(ex))
        {
            return null;
        }
    }

    public static Task<V1Secret?> TryReadSecretAsync(this IKubernetes client, string ns, string name) =>
        OrNullIfNotFoundAsync(() => client.CoreV1.ReadNamespacedSecretAsync(name, ns));

    public static Task<V1ConfigMap?> TryReadConfigMapAsync(this IKubernetes client, string ns, string name) =>
        OrNullIfNotFoundAsync(() => client.CoreV1.ReadNamespacedConfigMapAsync(name, ns));

    /// <summary>The operator's leader Lease in the namespace the local environment runs it in.</summary>
    public static Task<V1Lease> ReadLeaderLeaseAsync(this IKubernetes client) =>
        client.CoordinationV1.ReadNamespacedLeaseAsync("key-operator-leader", "key-operator");
}
