// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;

namespace KeyOperator.Kubernetes.Tests.Integration;

[Collection(ControlPlaneCollection.Name)]
[Trait("Cluster", "Any")]
public sealed class WatchTests(ControlPlaneFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly KubernetesClient _client = fixture.Client;

    [Fact]
    public async Task WatchAsync_FromListVersion_SeesAddModifyDelete()
    {
        // Only "w" is watched: a real cluster adds objects of its own to every new namespace (kube-root-ca.crt).
        string ns = await fixture.NewNamespaceAsync();
        KubernetesList<ConfigMap> list = await _client.ListAsync(ResourceType.ConfigMaps, ns, KubernetesJsonContext.Default.KubernetesListConfigMap);
        using var cts = new CancellationTokenSource(Patience);
        var seen = new List<(WatchEventType Type, string? Name)>();

        Task watching = Task.Run(async () =>
        {
            await foreach (WatchEvent<ConfigMap> e in _client.WatchAsync(
                ResourceType.ConfigMaps, ns, KubernetesJsonContext.Default.ConfigMap, new WatchOptions { ResourceVersion = list.Metadata.ResourceVersion, FieldSelector = "metadata.name=w" }, cts.Token))
            {
                if (e.Type == WatchEventType.Bookmark)
                {
                    continue;
                }

                seen.Add((e.Type, e.Object.Metadata.Name));
                if (e.Type == WatchEventType.Deleted)
                {
                    return;
                }
            }
        });
        ConfigMap created = await _client.CreateAsync(ResourceType.ConfigMaps, new ConfigMap { Metadata = new ObjectMeta { Name = "w", Namespace = ns } }, KubernetesJsonContext.Default.ConfigMap);
        await _client.ReplaceAsync(ResourceType.ConfigMaps, created with { Data = new Dictionary<string, string> { ["a"] = "b" } }, KubernetesJsonContext.Default.ConfigMap);
        await _client.DeleteAsync(ResourceType.ConfigMaps, ns, "w");
        await watching;

        Assert.Equal([(WatchEventType.Added, "w"), (WatchEventType.Modified, "w"), (WatchEventType.Deleted, "w")], seen);
    }

    [Fact]
    public async Task WatchAsync_NoVersion_StartsWithSyntheticAdds()
    {
        string ns = await fixture.NewNamespaceAsync();
        await _client.CreateAsync(ResourceType.ConfigMaps, new ConfigMap { Metadata = new ObjectMeta { Name = "pre", Namespace = ns } }, KubernetesJsonContext.Default.ConfigMap);
        using var cts = new CancellationTokenSource(Patience);

        WatchEvent<ConfigMap> first = await FirstAsync(_client.WatchAsync(
            ResourceType.ConfigMaps, ns, KubernetesJsonContext.Default.ConfigMap, new WatchOptions { FieldSelector = "metadata.name=pre" }, cts.Token));

        Assert.Equal(WatchEventType.Added, first.Type);
        Assert.Equal("pre", first.Object.Metadata.Name);
    }

    [Fact]
    public async Task WatchMetadataAsync_DeliversPartialObjectMetadata()
    {
        string ns = await fixture.NewNamespaceAsync();
        await _client.CreateAsync(
            ResourceType.Secrets,
            new Secret { Metadata = new ObjectMeta { Name = "m", Namespace = ns }, Data = new Dictionary<string, byte[]> { ["k"] = [1] } },
            KubernetesJsonContext.Default.Secret);
        using var cts = new CancellationTokenSource(Patience);

        WatchEvent<PartialObjectMetadata> first = await FirstAsync(_client.WatchMetadataAsync(ResourceType.Secrets, ns, new WatchOptions { AllowWatchBookmarks = false, FieldSelector = "metadata.name=m" }, cts.Token));

        Assert.Equal(WatchEventType.Added, first.Type);
        Assert.Equal("m", first.Object.Metadata.Name);
    }

    [Fact]
    public async Task WatchAsync_Cancelled_EndsPromptlyAndClosesConnection()
    {
        // An existing object opens the stream with a synthetic add; bookmarks come too rarely on a real cluster.
        string ns = await fixture.NewNamespaceAsync();
        await _client.CreateAsync(ResourceType.ConfigMaps, new ConfigMap { Metadata = new ObjectMeta { Name = "open", Namespace = ns } }, KubernetesJsonContext.Default.ConfigMap);
        using var cts = new CancellationTokenSource();
        var opened = new TaskCompletionSource();

        Task watching = Task.Run(async () =>
        {
            await foreach (WatchEvent<JsonObject> e in _client.WatchObjectsAsync(ResourceType.ConfigMaps, ns, new WatchOptions { AllowWatchBookmarks = true }, cts.Token))
            {
                opened.TrySetResult();
            }
        });
        await opened.Task.WaitAsync(Patience);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching.WaitAsync(Patience));
    }

    [Fact]
    public async Task WatchAsync_ServerTimeout_EndsSequenceCleanly()
    {
        // Leases: unlike ConfigMaps, a real cluster puts none into a new namespace.
        string ns = await fixture.NewNamespaceAsync();
        using var cts = new CancellationTokenSource(Patience);
        int count = 0;

        await foreach (WatchEvent<Lease> e in _client.WatchAsync(
            ResourceType.Leases, ns, KubernetesJsonContext.Default.Lease, new WatchOptions { TimeoutSeconds = 1, AllowWatchBookmarks = false }, cts.Token))
        {
            count++;
        }

        Assert.Equal(0, count);
        Assert.False(cts.IsCancellationRequested);
    }

    private static async Task<WatchEvent<T>> FirstAsync<T>(IAsyncEnumerable<WatchEvent<T>> events)
    {
        await foreach (WatchEvent<T> e in events)
        {
            return e;
        }

        throw new InvalidOperationException("The watch ended without events.");
    }
}
