// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using k8s.Models;
using KeyOperator.Operator.Admission.Certificates;
using KeyOperator.Operator.Controllers;
using KeyOperator.Runtime.Client;
using Microsoft.Extensions.DependencyInjection;

namespace KeyOperator.Operator.Admission.Adapters;

/// <summary>
/// Keeps the webhook's self-managed CA and serving certificate in a Secret, so every replica serves the same
/// certificate. Lost races come back as null, as the seam expects; the caller re-reads.
/// </summary>
internal sealed class ClientSecretStore([FromKeyedServices(KubernetesClientNames.Admission)] IKubernetes client) : ISecretStore
{
    public async Task<StoredSecret?> GetAsync(string namespaceName, string name, CancellationToken cancellationToken)
    {
        try
        {
            V1Secret secret = await client.CoreV1.ReadNamespacedSecretAsync(name, namespaceName, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new StoredSecret(ObjectViews.Data(secret) ?? new Dictionary<string, byte[]>(), secret.Metadata?.ResourceVersion ?? string.Empty);
        }
        catch (Exception ex) when (KubernetesErrors.IsNotFound(ex))
        {
            return null;
        }
    }

    public async Task<StoredSecret?> CreateAsync(string namespaceName, string name, IReadOnlyDictionary<string, byte[]> data, CancellationToken cancellationToken)
    {
        try
        {
            V1Secret created = await client.CoreV1.CreateNamespacedSecretAsync(Tls(namespaceName, name, data, null), namespaceName, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new StoredSecret(ObjectViews.Data(created) ?? data, created.Metadata?.ResourceVersion ?? string.Empty);
        }
        catch (Exception ex) when (KubernetesErrors.IsAlreadyExists(ex))
        {
            return null;
        }
    }

    public async Task<StoredSecret?> UpdateAsync(string namespaceName, string name, IReadOnlyDictionary<string, byte[]> data, string resourceVersion, CancellationToken cancellationToken)
    {
        try
        {
            V1Secret updated = await client.CoreV1.ReplaceNamespacedSecretAsync(Tls(namespaceName, name, data, resourceVersion), name, namespaceName, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new StoredSecret(ObjectViews.Data(updated) ?? data, updated.Metadata?.ResourceVersion ?? string.Empty);
        }
        catch (Exception ex) when (KubernetesErrors.IsConflict(ex))
        {
            return null;
        }
    }

    private static V1Secret Tls(string namespaceName, string name, IReadOnlyDictionary<string, byte[]> data, string? resourceVersion) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = namespaceName, ResourceVersion = resourceVersion },
        Type = "kubernetes.io/tls",
        Data = new Dictionary<string, byte[]>(data, StringComparer.Ordinal),
    };
}
