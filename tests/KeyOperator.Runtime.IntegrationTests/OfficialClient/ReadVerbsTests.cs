// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using k8s.Models;
using KeyOperator.Runtime.Client;

namespace KeyOperator.Runtime.IntegrationTests.OfficialClient;

/// <summary>The local control plane serves the official client's reads (ported from KeyOperator.Kubernetes.Tests).</summary>
[Trait("Cluster", "Any")]
public sealed class ReadVerbsTests
{
    [Fact]
    public async Task ReadNamespacedSecret_Created_ReturnsStoredObject()
    {
        await using var cluster = await TestCluster.StartAsync();
        await CreateSecretAsync(cluster, cluster.Namespace, "one", "a");

        var secret = await cluster.Client.CoreV1.ReadNamespacedSecretAsync("one", cluster.Namespace);

        Assert.Equal([1, 2, 3], secret.Data["key"]);
        Assert.Equal("Opaque", secret.Type);
        Assert.Equal("a", secret.Metadata.Labels["group"]);
        Assert.False(string.IsNullOrEmpty(secret.Metadata.ResourceVersion));
        Assert.NotNull(secret.Metadata.CreationTimestamp);
    }

    [Fact]
    public async Task ReadNamespacedSecret_Missing_NotFoundStatus()
    {
        await using var cluster = await TestCluster.StartAsync();

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => cluster.Client.CoreV1.ReadNamespacedSecretAsync("nope", cluster.Namespace));

        Assert.True(KubernetesErrors.IsNotFound(ex), ex.ToString());
        Assert.Equal("NotFound", KubernetesErrors.Status(ex)?.Reason);
        Assert.Equal($"secrets \"nope\" not found", KubernetesErrors.Message(ex));
    }

    [Fact]
    public async Task ListNamespacedSecret_LabelAndFieldSelectors_FilterItems()
    {
        await using var cluster = await TestCluster.StartAsync();
        var ns = cluster.Namespace;
        await CreateSecretAsync(cluster, ns, "s1", "a");
        await CreateSecretAsync(cluster, ns, "s2", "b");
        await CreateSecretAsync(cluster, ns, "s3", "a");

        var byLabel = await cluster.Client.CoreV1.ListNamespacedSecretAsync(ns, labelSelector: "group=a");
        var byLabelSet = await cluster.Client.CoreV1.ListNamespacedSecretAsync(ns, labelSelector: "group in (b),group!=a");
        var byField = await cluster.Client.CoreV1.ListNamespacedSecretAsync(ns, fieldSelector: "metadata.name=s2");

        Assert.Equal(["s1", "s3"], byLabel.Items.Select(s => s.Metadata.Name).Order(StringComparer.Ordinal));
        Assert.Equal("s2", Assert.Single(byLabelSet.Items).Metadata.Name);
        Assert.Equal("s2", Assert.Single(byField.Items).Metadata.Name);
        Assert.False(string.IsNullOrEmpty(byLabel.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task ListNamespacedSecret_Limit_PagesWithContinueToken()
    {
        await using var cluster = await TestCluster.StartAsync();
        var ns = cluster.Namespace;
        for (var i = 0; i < 5; i++)
        {
            await CreateSecretAsync(cluster, ns, $"p{i}", "paged");
        }

        var names = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await cluster.Client.CoreV1.ListNamespacedSecretAsync(ns, labelSelector: "group=paged", limit: 2, continueParameter: next);
            Assert.True(page.Items.Count <= 2);
            names.AddRange(page.Items.Select(s => s.Metadata.Name));
            next = page.Metadata.ContinueProperty;
            pages++;
        }
        while (!string.IsNullOrEmpty(next));

        Assert.Equal(3, pages);
        Assert.Equal(["p0", "p1", "p2", "p3", "p4"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListSecretForAllNamespaces_Label_IncludesEveryNamespace()
    {
        await using var cluster = await TestCluster.StartAsync();
        var ns1 = await cluster.NewNamespaceAsync();
        var ns2 = await cluster.NewNamespaceAsync();
        var group = ExternalClusterName("cross");
        await CreateSecretAsync(cluster, ns1, "x", group);
        await CreateSecretAsync(cluster, ns2, "x", group);

        var list = await cluster.Client.CoreV1.ListSecretForAllNamespacesAsync(labelSelector: $"group={group}");

        Assert.Equal(new[] { ns1, ns2 }.Order(StringComparer.Ordinal), list.Items.Select(s => s.Metadata.NamespaceProperty).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListNamespace_ClusterScoped_IncludesSystemNamespaces()
    {
        await using var cluster = await TestCluster.StartAsync();

        var list = await cluster.Client.CoreV1.ListNamespaceAsync();

        Assert.Contains(list.Items, n => n.Metadata.Name == cluster.Namespace);
        Assert.Contains(list.Items, n => n.Metadata.Name == "kube-system");
    }

    private static string ExternalClusterName(string prefix) => KeyOperator.Testing.ExternalCluster.UniqueName(prefix);

    private static Task<V1Secret> CreateSecretAsync(TestCluster cluster, string ns, string name, string group) =>
        cluster.Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["group"] = group } },
                Data = new Dictionary<string, byte[]> { ["key"] = [1, 2, 3] },
            },
            ns);
}
