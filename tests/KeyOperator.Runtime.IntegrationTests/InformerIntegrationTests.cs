// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s.Models;
using KeyOperator.Runtime.Informers;

namespace KeyOperator.Runtime.IntegrationTests;

/// <summary>The informer over real HTTPS against the local control plane and its fault injection (issue #4); local only.</summary>
public sealed class InformerIntegrationTests
{
    [Fact]
    public async Task Informer_HistoryCompactedAndWatchesClosedWithExpired_RelistsAndSynthesizesDeleteForObjectGoneMeanwhile()
    {
        await using var cluster = await TestCluster.StartLocalAsync();
        foreach (var name in new[] { "a", "b", "c" })
        {
            await cluster.CreateConfigMapAsync(name);
        }

        var informer = cluster.CreateConfigMapInformer();
        var handler = new RecordingHandler();
        informer.AddHandler(handler);
        await informer.StartAsync(CancellationToken.None);
        try
        {
            await SyncAndProveWatchIsOpenAsync(cluster, informer, handler);
            var listsBefore = cluster.CountRequests("list", "configmaps");

            // Keep the watch down while "b" is deleted and the history that recorded it is compacted: the delete
            // event is then gone for good, and only a relist can reveal it.
            await BreakWatchesAsync(cluster);
            await cluster.DeleteConfigMapAsync("b");
            cluster.Faults.CompactHistory();
            cluster.Faults.Reset();

            await Eventually.TrueAsync(
                () => handler.Has("delete", "b"),
                () => $"the delete of b is dispatched; requests: {cluster.DescribeRequests()}; events: {string.Join(", ", handler.Events)}");
            var delete = Assert.Single(handler.Events, e => e.Kind == "delete");
            Assert.Equal("b", delete.Name);
            Assert.True(delete.Flag, "a delete inferred from a relist must say finalStateUnknown");
            Assert.True(cluster.CountRequests("list", "configmaps") > listsBefore, "the informer relisted");
            Assert.Equal(await cluster.ListConfigMapNamesAsync(), CachedNames(informer));
        }
        finally
        {
            await informer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Informer_WatchClosedMidStream_ResumesWithoutMissingEvents()
    {
        await using var cluster = await TestCluster.StartLocalAsync();
        await cluster.CreateConfigMapAsync("a");
        var informer = cluster.CreateConfigMapInformer();
        var handler = new RecordingHandler();
        informer.AddHandler(handler);
        await informer.StartAsync(CancellationToken.None);
        try
        {
            await SyncAndProveWatchIsOpenAsync(cluster, informer, handler);
            var listsBefore = cluster.CountRequests("list", "configmaps");
            var watchesBefore = cluster.CountRequests("watch", "configmaps");

            // Changes made while the stream is closed must arrive through the resumed watch (from the last seen
            // resourceVersion), not through a relist.
            await BreakWatchesAsync(cluster);
            await cluster.CreateConfigMapAsync("b");
            await cluster.SetValueAsync("a", "2");
            await cluster.DeleteConfigMapAsync("probe");
            cluster.Faults.Reset();
            await cluster.CreateConfigMapAsync("c");

            await Eventually.TrueAsync(() => handler.Has("add", "c"), "the object created after the resume arrives");
            var events = handler.Events;
            var diagnostics = $"requests: {cluster.DescribeRequests()}; events: {string.Join(", ", events)}";
            Assert.True(events.Contains(new RecordedEvent("add", "b", false, "1")), diagnostics);
            Assert.True(events.Contains(new RecordedEvent("update", "a", false, "2")), diagnostics);
            Assert.True(events.Contains(new RecordedEvent("delete", "probe", false, "1")), diagnostics);
            Assert.Equal(listsBefore, cluster.CountRequests("list", "configmaps"));
            Assert.True(cluster.CountRequests("watch", "configmaps") > watchesBefore, "the informer watched again");
            Assert.Equal(["a", "b", "c"], CachedNames(informer));
            Assert.Equal("2", informer.Cache.List().Single(c => c.Metadata.Name == "a").Data!["value"]);
        }
        finally
        {
            await informer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Informer_ListFailsWith500Then429RetryAfter_RecoversAndSyncs()
    {
        await using var cluster = await TestCluster.StartLocalAsync();
        await cluster.CreateConfigMapAsync("a");
        await cluster.CreateConfigMapAsync("b");
        cluster.Faults.FailNext(2, 500, "list", "configmaps");
        cluster.Faults.FailNext(1, 429, "list", "configmaps", retryAfter: TimeSpan.FromSeconds(1));

        var informer = cluster.CreateConfigMapInformer();
        var handler = new RecordingHandler();
        informer.AddHandler(handler);
        await informer.StartAsync(CancellationToken.None);
        try
        {
            await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Eventually.Timeout);

            Assert.Equal(["a", "b"], CachedNames(informer));
            Assert.Equal(2, handler.Events.Count(e => e.Kind == "add" && e.Flag));
            var lists = cluster.Requests.Where(r => r.Verb == "list" && r.Resource == "configmaps").ToList();
            Assert.Equal([500, 500, 429, 200], lists.Take(4).Select(r => r.StatusCode));

            // Retry-After: 1 is a floor the server asked for, so the next attempt may not start earlier.
            Assert.True(
                TimeProvider.System.GetElapsedTime(lists[2].CompletedAt, lists[3].StartedAt) >= TimeSpan.FromMilliseconds(950),
                "the attempt after the 429 waited for Retry-After");
        }
        finally
        {
            await informer.StopAsync(CancellationToken.None);
        }
    }

    private static async Task SyncAndProveWatchIsOpenAsync(TestCluster cluster, Informer<V1ConfigMap> informer, RecordingHandler handler)
    {
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Eventually.Timeout);

        // An event delivered after the sync proves the watch is registered on the server, so a fault added next
        // cannot race a watch that is still being opened.
        await cluster.CreateConfigMapAsync("probe");
        await Eventually.TrueAsync(() => handler.Has("add", "probe"), "the probe arrives through the watch");
    }

    /// <summary>Closes the informer's watch and makes every new one fail until <c>Faults.Reset()</c>.</summary>
    private static async Task BreakWatchesAsync(TestCluster cluster)
    {
        var failedBefore = cluster.Requests.Count(r => r.Verb == "watch" && r.StatusCode == 500);
        cluster.Faults.FailNext(100_000, 500, "watch", "configmaps");
        cluster.Faults.CloseAllWatches(sendExpired: false);

        // Wait until the informer has finished reading the closed stream (it is already asking for a new watch)
        // before changing anything: the control plane ends a server-closed stream with a BOOKMARK at the store's
        // current resourceVersion, which would claim writes made meanwhile that this stream never carried (a
        // control-plane defect, reported separately).
        await Eventually.TrueAsync(
            () => cluster.Requests.Count(r => r.Verb == "watch" && r.StatusCode == 500) > failedBefore,
            "the informer tries to watch again");
    }

    private static List<string> CachedNames(Informer<V1ConfigMap> informer) =>
        [.. informer.Cache.List().Select(c => c.Metadata.Name!).Order(StringComparer.Ordinal)];
}
