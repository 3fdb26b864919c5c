// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Kubernetes;
using KeyOperator.Kubernetes.Errors;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;
using KeyOperator.Operator.Admission.Certificates;

namespace KeyOperator.Operator.Admission.Adapters;

/// <summary>
/// Keeps the webhook's self-managed CA and serving certificate in a Secret, so every replica serves the same
/// certificate. Lost races come back as null, as the seam expects; the caller re-reads.
/// </summary>
internal sealed class ClientSecretStore(IKubernetesClient client) : ISecretStore
{
    public async Task<StoredSecret?> GetAsync(string namespaceName, string name, CancellationToken cancellationToken)
    {
        Secret? secret = await client.TryGetAsync(ResourceType.Secrets, namespaceName, name, KubernetesJsonContext.Default.Secret, cancellationToken: cancellationToken).ConfigureAwait(false);
        return secret is null ? null : new StoredSecret(secret.Data ?? new Dictionary<string, byte[]>(), secret.Metadata.ResourceVersion ?? string.Empty);
    }

    public async Task<StoredSecret?> CreateAsync(string namespaceName, string name, IReadOnlyDictionary<string, byte[]> data, CancellationToken cancellationToken)
    {
        try
        {
            Secret created = await client.CreateAsync(ResourceType.Secrets, new Secret { Metadata = new ObjectMeta { Name = name, Namespace = namespaceName }, Type = "kubernetes.io/tls", Data = data }, KubernetesJsonContext.Default.Secret, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new StoredSecret(created.Data ?? data, created.Metadata.ResourceVersion ?? string.Empty);
        }
        catch (AlreadyExistsException)
        {
            return null;
        }
    }

    public async Task<StoredSecret?> UpdateAsync(string namespaceName, string name, IReadOnlyDictionary<string, byte[]> data, string resourceVersion, CancellationToken cancellationToken)
    {
        try
        {
            Secret updated = await client.ReplaceAsync(ResourceType.Secrets, new Secret { Metadata = new ObjectMeta { Name = name, Namespace = namespaceName, ResourceVersion = resourceVersion }, Type = "kubernetes.io/tls", Data = data }, KubernetesJsonContext.Default.Secret, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new StoredSecret(updated.Data ?? data, updated.Metadata.ResourceVersion ?? string.Empty);
        }
        catch (ConflictException)
        {
            return null;
        }
    }
}
