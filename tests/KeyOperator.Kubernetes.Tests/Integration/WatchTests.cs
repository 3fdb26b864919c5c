// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.Kubernetes.Errors;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;

namespace KeyOperator.Kubernetes.Tests.Integration;

[Collection(ControlPlaneCollection.Name)]
public sealed class WatchTests(ControlPlaneFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly KubernetesClient _client = fixture.Client;

    [Fact]
    public async Task WatchAsync_FromListVersion_SeesAddModifyDelete()
    {
        string ns = await fixture.NewNamespaceAsync();
        KubernetesList<ConfigMap> list = await _client.ListAsync(ResourceType.ConfigMaps, ns, KubernetesJsonContext.Default.KubernetesListConfigMap);
        using var cts = new CancellationTokenSource(Patience);
        var seen = new List<(WatchEventType Type, string? Name)>();

        Task watching = Task.Run(async () =>
        {
            await foreach (WatchEvent<ConfigMap> e in _client.WatchAsync(
                ResourceType.ConfigMaps, ns, KubernetesJsonContext.Default.ConfigMap, new WatchOptions { ResourceVersion = list.Metadata.ResourceVersion }, cts.Token))
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

        WatchEvent<ConfigMap> first = await FirstAsync(_client.WatchAsync(ResourceType.ConfigMaps, ns, KubernetesJsonContext.Default.ConfigMap, cancellationToken: cts.Token));

        Assert.Equal(WatchEventType.Added, first.Type);
        Assert.Equal("pre", first.Object.Metadata.Name);
    }

    [Fact]
    public async Task WatchAsync_Bookmarks_CarryResourceVersion()
    {
        string ns = await fixture.NewNamespaceAsync();
        KubernetesList<ConfigMap> list = await _client.ListAsync(ResourceType.ConfigMaps, ns, KubernetesJsonContext.Default.KubernetesListConfigMap);
        using var cts = new CancellationTokenSource(Patience);

        WatchEvent<ConfigMap> bookmark = await FirstAsync(_client.WatchAsync(
            ResourceType.ConfigMaps, ns, KubernetesJsonContext.Default.ConfigMap, new WatchOptions { ResourceVersion = list.Metadata.ResourceVersion, AllowWatchBookmarks = true }, cts.Token));

        Assert.Equal(WatchEventType.Bookmark, bookmark.Type);
        Assert.False(string.IsNullOrEmpty(bookmark.ResourceVersion));
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

        WatchEvent<PartialObjectMetadata> first = await FirstAsync(_client.WatchMetadataAsync(ResourceType.Secrets, ns, new WatchOptions { AllowWatchBookmarks = false }, cts.Token));

        Assert.Equal(WatchEventType.Added, first.Type);
        Assert.Equal("m", first.Object.Metadata.Name);
    }

    [Fact]
    public async Task WatchAsync_CompactedVersion_ThrowsResourceExpired()
    {
        string ns = await fixture.NewNamespaceAsync();
        KubernetesList<ConfigMap> list = await _client.ListAsync(ResourceType.ConfigMaps, ns, KubernetesJsonContext.Default.KubernetesListConfigMap);
        await _client.CreateAsync(ResourceType.ConfigMaps, new ConfigMap { Metadata = new ObjectMeta { Name = "c", Namespace = ns } }, KubernetesJsonContext.Default.ConfigMap);
        fixture.ControlPlane.Faults.CompactHistory();
        using var cts = new CancellationTokenSource(Patience);

        var ex = await Assert.ThrowsAsync<ResourceExpiredException>(() => FirstAsync(_client.WatchAsync(
            ResourceType.ConfigMaps, ns, KubernetesJsonContext.Default.ConfigMap, new WatchOptions { ResourceVersion = list.Metadata.ResourceVersion }, cts.Token)));

        Assert.Equal(410, ex.StatusCode);
    }

    [Fact]
    public async Task WatchAsync_ExpiredErrorEvent_ThrowsResourceExpired()
    {
        string ns = await fixture.NewNamespaceAsync();
        using var cts = new CancellationTokenSource(Patience);
        var opened = new TaskCompletionSource();

        Task watching = Task.Run(async () =>
        {
            await foreach (WatchEvent<ConfigMap> e in _client.WatchAsync(
                ResourceType.ConfigMaps, ns, KubernetesJsonContext.Default.ConfigMap, new WatchOptions { AllowWatchBookmarks = true }, cts.Token))
            {
                opened.TrySetResult();
            }
        });
        await opened.Task.WaitAsync(cts.Token);
        fixture.ControlPlane.Faults.CloseAllWatches(sendExpired: true);

        var ex = await Assert.ThrowsAsync<ResourceExpiredException>(() => watching);
        Assert.Equal("Expired", ex.Reason);
    }

    [Fact]
    public async Task WatchAsync_Cancelled_EndsPromptlyAndClosesConnection()
    {
        string ns = await fixture.NewNamespaceAsync();
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
        string ns = await fixture.NewNamespaceAsync();
        using var cts = new CancellationTokenSource(Patience);
        int count = 0;

        await foreach (WatchEvent<ConfigMap> e in _client.WatchAsync(
            ResourceType.ConfigMaps, ns, KubernetesJsonContext.Default.ConfigMap, new WatchOptions { TimeoutSeconds = 1, AllowWatchBookmarks = false }, cts.Token))
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
