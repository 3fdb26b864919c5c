// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Kubernetes.Errors;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;

namespace KeyOperator.Kubernetes.Tests.Integration;

/// <summary>Read verbs in states only the local control plane can bring about on demand (compacted history).</summary>
[Collection(LocalControlPlaneCollection.Name)]
public sealed class LocalReadVerbsTests(LocalControlPlaneFixture fixture)
{
    private readonly KubernetesClient _client = fixture.Client;

    [Fact]
    public async Task ListAllAsync_ContinueTokenCompacted_ThrowsResourceExpired()
    {
        string ns = await fixture.NewNamespaceAsync();
        for (int i = 0; i < 3; i++)
        {
            await CreateSecretAsync(ns, $"p{i}");
        }

        KubernetesList<Secret> first = await _client.ListAsync(ResourceType.Secrets, ns, KubernetesJsonContext.Default.KubernetesListSecret, new ListOptions { Limit = 1 });
        await CreateSecretAsync(ns, "later");
        fixture.ControlPlane.Faults.CompactHistory();

        await Assert.ThrowsAsync<ResourceExpiredException>(() => _client.ListAsync(
            ResourceType.Secrets, ns, KubernetesJsonContext.Default.KubernetesListSecret, new ListOptions { Limit = 1, Continue = first.Metadata.Continue }));
    }

    private Task<Secret> CreateSecretAsync(string ns, string name) => _client.CreateAsync(
        ResourceType.Secrets,
        new Secret
        {
            Metadata = new ObjectMeta { Name = name, Namespace = ns, Labels = new Dictionary<string, string> { ["group"] = "a" } },
            Data = new Dictionary<string, byte[]> { ["key"] = [1, 2, 3] },
        },
        KubernetesJsonContext.Default.Secret);
}
