// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using k8s.Models;
using KeyOperator.ControlPlane;
using KeyOperator.Runtime.Client;

namespace KeyOperator.Runtime.IntegrationTests.OfficialClient;

/// <summary>
/// The official client against what only the local control plane brings about on demand: fast bookmarks (a real
/// API server sends them about once a minute) and compacted history. These show the raw library behaviour that
/// the runtime's WatchStream has to handle.
/// </summary>
public sealed class LocalWatchTests
{
    [Fact]
    public async Task WatchListNamespacedConfigMap_Bookmarks_CarryResourceVersion()
    {
        await using var cluster = await TestCluster.StartLocalAsync(new LocalControlPlaneOptions { BookmarkInterval = TimeSpan.FromMilliseconds(300) });
        var list = await cluster.Client.CoreV1.ListNamespacedConfigMapAsync(cluster.Namespace);
        using var cts = new CancellationTokenSource(Eventually.Timeout);

        var (type, bookmark) = await WatchTests.FirstAsync(cluster.Client.CoreV1.WatchListNamespacedConfigMapAsync(
            cluster.Namespace, allowWatchBookmarks: true, resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cts.Token));

        Assert.Equal(WatchEventType.Bookmark, type);
        Assert.False(string.IsNullOrEmpty(bookmark.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task WatchListNamespacedConfigMap_CompactedVersion_ErrorEventGoesToOnErrorOnly()
    {
        await using var cluster = await TestCluster.StartLocalAsync();
        var list = await cluster.Client.CoreV1.ListNamespacedConfigMapAsync(cluster.Namespace);
        await cluster.CreateConfigMapAsync("c");
        cluster.Faults.CompactHistory();
        var errors = new List<Exception>();
        var events = 0;

        // The trap: the 410 arrives as an ERROR event, which the library hands to onError; the enumeration itself
        // just ends, as a normal close would.
        await foreach (var _ in cluster.Client.CoreV1.WatchListNamespacedConfigMapAsync(
            cluster.Namespace, resourceVersion: list.Metadata.ResourceVersion, onError: errors.Add))
        {
            events++;
        }

        Assert.Equal(0, events);
        var error = Assert.Single(errors);
        Assert.True(KubernetesErrors.IsGone(error), error.ToString());
        Assert.Equal("Expired", KubernetesErrors.Status(error)?.Reason);
    }

    [Fact]
    public async Task ListNamespacedSecret_ContinueTokenCompacted_Gone()
    {
        await using var cluster = await TestCluster.StartLocalAsync();
        for (var i = 0; i < 3; i++)
        {
            await cluster.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = $"p{i}" } }, cluster.Namespace);
        }

        var first = await cluster.Client.CoreV1.ListNamespacedSecretAsync(cluster.Namespace, limit: 1);
        await cluster.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "later" } }, cluster.Namespace);
        cluster.Faults.CompactHistory();

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => cluster.Client.CoreV1.ListNamespacedSecretAsync(cluster.Namespace, limit: 1, continueParameter: first.Metadata.ContinueProperty));

        Assert.True(KubernetesErrors.IsGone(ex), ex.ToString());
        Assert.Equal(410, KubernetesErrors.StatusCode(ex));
    }
}
