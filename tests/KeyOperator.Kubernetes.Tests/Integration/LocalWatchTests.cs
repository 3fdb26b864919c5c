// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Kubernetes.Errors;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;

namespace KeyOperator.Kubernetes.Tests.Integration;

/// <summary>
/// Watches that need the local control plane: its fast bookmarks (a real API server sends them about once a minute),
/// history compaction and server-closed streams on demand.
/// </summary>
[Collection(LocalControlPlaneCollection.Name)]
public sealed class LocalWatchTests(LocalControlPlaneFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly KubernetesClient _client = fixture.Client;

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

    private static async Task<WatchEvent<T>> FirstAsync<T>(IAsyncEnumerable<WatchEvent<T>> events)
    {
        await foreach (WatchEvent<T> e in events)
        {
            return e;
        }

        throw new InvalidOperationException("The watch ended without events.");
    }
}
