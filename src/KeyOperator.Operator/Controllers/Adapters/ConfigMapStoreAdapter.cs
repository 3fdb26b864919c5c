// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using k8s.Models;
using KeyOperator.Operator.Controllers.Ports;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Runtime.Client;
using KeyOperator.Runtime.Informers;

namespace KeyOperator.Operator.Controllers.Adapters;

/// <summary><see cref="IConfigMapStore"/> over the library's CoreV1 operations and the managed-ConfigMap informer.</summary>
internal sealed class ConfigMapStoreAdapter(IKubernetes client, Informer<V1ConfigMap> cache) : IConfigMapStore
{
    /// <summary>Field manager of the verifier ConfigMap writes.</summary>
    public const string FieldManager = "key-operator-verifiers";

    public Task<V1ConfigMap?> GetAsync(string @namespace, string name, ReadFrom from, CancellationToken cancellationToken) =>
        CachedRead.GetAsync(cache, @namespace, name, from, () => client.CoreV1.ReadNamespacedConfigMapAsync(name, @namespace, cancellationToken: cancellationToken));

    public IReadOnlyList<V1ConfigMap> ListOwned(string @namespace, string label, string value) =>
        [.. cache.Cache.ByIndex(IndexNames.Label, label + "=" + value).Where(c => c.Metadata?.NamespaceProperty == @namespace)];

    public Task<V1ConfigMap> CreateAsync(V1ConfigMap configMap, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configMap);
        return client.CoreV1.CreateNamespacedConfigMapAsync(configMap, configMap.Metadata.NamespaceProperty, fieldManager: FieldManager, cancellationToken: cancellationToken);
    }

    public Task<V1ConfigMap> ReplaceAsync(V1ConfigMap configMap, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configMap);
        return client.CoreV1.ReplaceNamespacedConfigMapAsync(configMap, configMap.Metadata.Name, configMap.Metadata.NamespaceProperty, fieldManager: FieldManager, cancellationToken: cancellationToken);
    }

    public async Task DeleteAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            await client.CoreV1.DeleteNamespacedConfigMapAsync(name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (KubernetesErrors.IsNotFound(ex))
        {
            // Already gone: the goal is reached.
        }
    }
}
