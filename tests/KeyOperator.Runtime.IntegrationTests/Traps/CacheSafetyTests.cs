// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using k8s.Models;
using KeyOperator.Runtime.Informers;
using KeyOperator.Runtime.Queue;

namespace KeyOperator.Runtime.IntegrationTests.Traps;

/// <summary>
/// The library's models are mutable classes (issue 11 point 4): the informer cache hands out deep copies, and strips
/// managedFields before storing. Over real HTTPS: the local control plane records managedFields on every write, as
/// an API server does, so the stripping is seen on real objects (checked first, so the test cannot pass vacuously).
/// </summary>
public sealed class CacheSafetyTests
{
    [Fact]
    public async Task CacheReads_CallerMutatesLabelsAndData_OtherReadsUnaffected()
    {
        await using var cluster = await TestCluster.StartLocalAsync();
        await cluster.CreateConfigMapAsync("a", "original");
        var informer = cluster.CreateConfigMapInformer();
        await informer.StartAsync(CancellationToken.None);
        try
        {
            await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Eventually.Timeout);
            var key = new QueueKey(cluster.Namespace, "a");
            var mine = informer.Cache.Get(key)!;
            var other = informer.Cache.Get(key)!;
            var listed = informer.Cache.List().Single(c => c.Metadata.Name == "a");

            mine.Metadata.Labels[TestCluster.TestLabel] = "mutated";
            mine.Metadata.Labels["added"] = "x";
            mine.Data["value"] = "mutated";
            listed.Data.Clear();
            listed.Metadata.Name = "renamed";

            foreach (var read in new[] { other, informer.Cache.Get(key)!, informer.Cache.List().Single(), informer.Cache.ByIndex(IndexNames.Namespace, cluster.Namespace).Single() })
            {
                Assert.Equal("a", read.Metadata.Name);
                Assert.Equal(new Dictionary<string, string> { [TestCluster.TestLabel] = "true" }, read.Metadata.Labels);
                Assert.Equal(new Dictionary<string, string> { ["value"] = "original" }, read.Data);
            }

            Assert.Equal(["a"], informer.Cache.ByIndex(IndexNames.Label, TestCluster.TestLabel + "=true").Select(c => c.Metadata.Name));
        }
        finally
        {
            await informer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task CachedObjects_FromListAndFromWatch_HaveNoManagedFields()
    {
        await using var cluster = await TestCluster.StartLocalAsync();
        await cluster.CreateConfigMapAsync("listed");
        var informer = cluster.CreateConfigMapInformer();
        var handler = new RecordingHandler();
        informer.AddHandler(handler);
        await informer.StartAsync(CancellationToken.None);
        try
        {
            await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Eventually.Timeout);
            await cluster.CreateConfigMapAsync("watched");
            await Eventually.TrueAsync(() => handler.Has("add", "watched"), "the second object arrives through the watch");

            foreach (var name in new[] { "listed", "watched" })
            {
                var stored = await cluster.GetConfigMapAsync(name);
                Assert.NotEmpty(stored.Metadata.ManagedFields ?? []);
                var cached = informer.Cache.Get(new QueueKey(cluster.Namespace, name))!;
                Assert.Null(cached.Metadata.ManagedFields);
                Assert.Equal(stored.Metadata.ResourceVersion, cached.Metadata.ResourceVersion);
                Assert.DoesNotContain("managedFields", KubernetesJson.Serialize(cached), StringComparison.Ordinal);
            }
        }
        finally
        {
            await informer.StopAsync(CancellationToken.None);
        }
    }
}
