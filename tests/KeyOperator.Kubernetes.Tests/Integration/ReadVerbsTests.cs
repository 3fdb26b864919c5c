// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.Kubernetes.Errors;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;

namespace KeyOperator.Kubernetes.Tests.Integration;

[Collection(ControlPlaneCollection.Name)]
[Trait("Cluster", "Any")]
public sealed class ReadVerbsTests(ControlPlaneFixture fixture)
{
    private readonly KubernetesClient _client = fixture.Client;

    [Fact]
    public async Task GetAsync_Created_ReturnsStoredObject()
    {
        string ns = await fixture.NewNamespaceAsync();
        await CreateSecretAsync(ns, "one", "a");

        Secret secret = await _client.GetAsync(ResourceType.Secrets, ns, "one", KubernetesJsonContext.Default.Secret);

        Assert.Equal([1, 2, 3], secret.Data!["key"]);
        Assert.Equal("a", secret.Metadata.Labels!["group"]);
        Assert.False(string.IsNullOrEmpty(secret.Metadata.ResourceVersion));
        Assert.NotNull(secret.Metadata.CreationTimestamp);
    }

    [Fact]
    public async Task GetAsync_Missing_ThrowsNotFound()
    {
        string ns = await fixture.NewNamespaceAsync();

        var ex = await Assert.ThrowsAsync<NotFoundException>(() => _client.GetAsync(ResourceType.Secrets, ns, "nope", KubernetesJsonContext.Default.Secret));

        Assert.Equal(404, ex.StatusCode);
        Assert.Equal("NotFound", ex.Reason);
        Assert.Null(await _client.TryGetAsync(ResourceType.Secrets, ns, "nope", KubernetesJsonContext.Default.Secret));
    }

    [Fact]
    public async Task GetAsync_NullNamespace_UsesDefaultNamespace()
    {
        // The configured namespace is a fresh one: a shared cluster's "default" may hold anything, and a namespace
        // other than "default" proves the client sent its own rather than leaving the server to pick one.
        string ns = await fixture.NewNamespaceAsync();
        using KubernetesClient client = fixture.CreateClient(configure: c => c with { Namespace = ns });
        await client.CreateAsync(ResourceType.ConfigMaps, new ConfigMap { Metadata = new ObjectMeta { Name = "in-default" } }, KubernetesJsonContext.Default.ConfigMap);

        ConfigMap map = await client.GetAsync(ResourceType.ConfigMaps, null, "in-default", KubernetesJsonContext.Default.ConfigMap);

        Assert.Equal(ns, map.Metadata.Namespace);
    }

    [Fact]
    public async Task ListAsync_Selectors_FilterItems()
    {
        string ns = await fixture.NewNamespaceAsync();
        await CreateSecretAsync(ns, "s1", "a");
        await CreateSecretAsync(ns, "s2", "b");
        await CreateSecretAsync(ns, "s3", "a");

        KubernetesList<Secret> byLabel = await _client.ListAsync(
            ResourceType.Secrets, ns, KubernetesJsonContext.Default.KubernetesListSecret, new ListOptions { LabelSelector = "group=a" });
        KubernetesList<Secret> byField = await _client.ListAsync(
            ResourceType.Secrets, ns, KubernetesJsonContext.Default.KubernetesListSecret, new ListOptions { FieldSelector = "metadata.name=s2" });

        Assert.Equal(["s1", "s3"], byLabel.Items.Select(s => s.Metadata.Name).Order());
        Assert.Equal("s2", Assert.Single(byField.Items).Metadata.Name);
        Assert.False(string.IsNullOrEmpty(byLabel.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task ListAsync_Limit_PagesWithContinueToken()
    {
        string ns = await fixture.NewNamespaceAsync();
        for (int i = 0; i < 5; i++)
        {
            await CreateSecretAsync(ns, $"p{i}", "a");
        }

        KubernetesList<Secret> first = await _client.ListAsync(ResourceType.Secrets, ns, KubernetesJsonContext.Default.KubernetesListSecret, new ListOptions { Limit = 2 });
        KubernetesList<Secret> second = await _client.ListAsync(
            ResourceType.Secrets, ns, KubernetesJsonContext.Default.KubernetesListSecret, new ListOptions { Limit = 2, Continue = first.Metadata.Continue });

        Assert.Equal(2, first.Items.Count);
        Assert.False(string.IsNullOrEmpty(first.Metadata.Continue));
        Assert.Equal(2, second.Items.Count);
        Assert.Empty(first.Items.Select(s => s.Metadata.Name).Intersect(second.Items.Select(s => s.Metadata.Name)));
    }

    [Fact]
    public async Task ListAllAsync_SmallPages_ReturnsEveryItemWithSnapshotVersion()
    {
        string ns = await fixture.NewNamespaceAsync();
        for (int i = 0; i < 5; i++)
        {
            await CreateSecretAsync(ns, $"p{i}", "a");
        }

        KubernetesList<Secret> all = await _client.ListAllAsync(ResourceType.Secrets, ns, KubernetesJsonContext.Default.KubernetesListSecret, new ListOptions { Limit = 2 });

        Assert.Equal(["p0", "p1", "p2", "p3", "p4"], all.Items.Select(s => s.Metadata.Name!).Order());
        Assert.Null(all.Metadata.Continue);
        Assert.False(string.IsNullOrEmpty(all.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task ListAsync_AllNamespaces_IncludesEveryNamespace()
    {
        string ns1 = await fixture.NewNamespaceAsync();
        string ns2 = await fixture.NewNamespaceAsync();
        string group = fixture.UniqueName("cross");
        await CreateSecretAsync(ns1, "x", group);
        await CreateSecretAsync(ns2, "x", group);

        KubernetesList<Secret> list = await _client.ListAsync(
            ResourceType.Secrets, null, KubernetesJsonContext.Default.KubernetesListSecret, new ListOptions { LabelSelector = $"group={group}" });

        Assert.Equal(new[] { ns1, ns2 }.Order(), list.Items.Select(s => s.Metadata.Namespace!).Order());
    }

    [Fact]
    public async Task ListAsync_ClusterScoped_ListsNamespaces()
    {
        string ns = await fixture.NewNamespaceAsync();

        KubernetesList<Namespace> list = await _client.ListAsync(ResourceType.Namespaces, "ignored", KubernetesJsonContext.Default.KubernetesListNamespace);

        Assert.Contains(list.Items, n => n.Metadata.Name == ns);
        Assert.Contains(list.Items, n => n.Metadata.Name == "kube-system");
    }

    [Fact]
    public async Task ListMetadataAsync_ReturnsPartialObjectMetadataWithoutData()
    {
        string ns = await fixture.NewNamespaceAsync();
        await CreateSecretAsync(ns, "meta", "a");

        KubernetesList<PartialObjectMetadata> list = await _client.ListMetadataAsync(ResourceType.Secrets, ns);

        PartialObjectMetadata item = Assert.Single(list.Items);
        Assert.Equal("meta", item.Metadata.Name);
        Assert.Equal("a", item.Metadata.Labels!["group"]);

        KubernetesList<JsonObject> raw = await _client.ListObjectsAsync(ResourceType.Secrets, ns);
        Assert.NotNull(Assert.Single(raw.Items)["data"]);
    }

    private Task<Secret> CreateSecretAsync(string ns, string name, string group) => _client.CreateAsync(
        ResourceType.Secrets,
        new Secret
        {
            Metadata = new ObjectMeta { Name = name, Namespace = ns, Labels = new Dictionary<string, string> { ["group"] = group } },
            Data = new Dictionary<string, byte[]> { ["key"] = [1, 2, 3] },
        },
        KubernetesJsonContext.Default.Secret);
}
