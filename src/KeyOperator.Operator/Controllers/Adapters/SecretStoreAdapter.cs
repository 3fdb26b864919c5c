// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using k8s.Models;
using KeyOperator.Operator.Controllers.Ports;
using KeyOperator.Runtime.Client;
using KeyOperator.Runtime.Informers;

namespace KeyOperator.Operator.Controllers.Adapters;

/// <summary><see cref="ISecretStore"/> over the library's CoreV1 operations and the managed-Secret informer.</summary>
internal sealed class SecretStoreAdapter(IKubernetes client, Informer<V1Secret> cache) : ISecretStore
{
    /// <summary>Field manager of the operator's Secret writes.</summary>
    public const string FieldManager = "key-operator-secrets";

    public Task<V1Secret?> GetAsync(string @namespace, string name, ReadFrom from, CancellationToken cancellationToken) =>
        CachedRead.GetAsync(cache, @namespace, name, from, () => client.CoreV1.ReadNamespacedSecretAsync(name, @namespace, cancellationToken: cancellationToken));

    public Task<V1Secret> CreateAsync(V1Secret secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return client.CoreV1.CreateNamespacedSecretAsync(secret, secret.Metadata.NamespaceProperty, fieldManager: FieldManager, cancellationToken: cancellationToken);
    }

    public Task<V1Secret> ReplaceAsync(V1Secret secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return client.CoreV1.ReplaceNamespacedSecretAsync(secret, secret.Metadata.Name, secret.Metadata.NamespaceProperty, fieldManager: FieldManager, cancellationToken: cancellationToken);
    }
}
