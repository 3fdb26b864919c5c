// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using k8s.Models;

namespace KeyOperator.Runtime.IntegrationTests.OfficialClient;

/// <summary>The local control plane serves the official client's watches (ported from KeyOperator.Kubernetes.Tests).</summary>
[Trait("Cluster", "Any")]
public sealed class WatchTests
{
    [Fact]
    public async Task WatchListNamespacedConfigMap_FromListVersion_SeesAddModifyDelete()
    {
        // Only "w" is watched: a real cluster adds objects of its own to every new namespace (kube-root-ca.crt).
        await using var cluster = await TestCluster.StartAsync();
        var list = await cluster.Client.CoreV1.ListNamespacedConfigMapAsync(cluster.Namespace);
        using var cts = new CancellationTokenSource(Eventually.Timeout);
        var seen = new List<(WatchEventType Type, string Name)>();
        var errors = new List<Exception>();

        var watching = Task.Run(async () =>
        {
            await foreach (var (type, map) in cluster.Client.CoreV1.WatchListNamespacedConfigMapAsync(
                cluster.Namespace, fieldSelector: "metadata.name=w", resourceVersion: list.Metadata.ResourceVersion, onError: errors.Add, cancellationToken: cts.Token))
            {
                seen.Add((type, map.Metadata.Name));
                if (type == WatchEventType.Deleted)
                {
                    return;
                }
            }
        });
        await cluster.CreateConfigMapAsync("w");
        await cluster.SetValueAsync("w", "2");
        await cluster.DeleteConfigMapAsync("w");
        await watching;

        Assert.Equal([(WatchEventType.Added, "w"), (WatchEventType.Modified, "w"), (WatchEventType.Deleted, "w")], seen);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task WatchListNamespacedConfigMap_NoVersion_StartsWithSyntheticAdds()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.CreateConfigMapAsync("pre");
        using var cts = new CancellationTokenSource(Eventually.Timeout);

        var (type, first) = await FirstAsync(cluster.Client.CoreV1.WatchListNamespacedConfigMapAsync(
            cluster.Namespace, fieldSelector: "metadata.name=pre", cancellationToken: cts.Token));

        Assert.Equal(WatchEventType.Added, type);
        Assert.Equal("pre", first.Metadata.Name);
        Assert.Equal("1", first.Data["value"]);
    }

    [Fact]
    public async Task WatchListNamespacedLease_ServerTimeoutWithoutEvents_LibraryThrowsWrappedEndOfStream()
    {
        // Leases: unlike ConfigMaps, a real cluster puts none into a new namespace, so the stream carries no byte.
        await using var cluster = await TestCluster.StartAsync();
        var client = cluster.Client;
        var ns = cluster.Namespace;
        using var cts = new CancellationTokenSource(Eventually.Timeout);
        var errors = new List<Exception>();

        // The trap: the library peeks the first line while buffering the response, and an empty body fails that peek.
        // The runtime's WatchStream turns this into a normal end (Traps/WatchTrapTests, through an informer).
        var raw = await Record.ExceptionAsync(async () =>
        {
            await foreach (var _ in client.CoordinationV1.WatchListNamespacedLeaseAsync(
                ns, allowWatchBookmarks: false, timeoutSeconds: 1, onError: errors.Add, cancellationToken: cts.Token))
            {
            }
        });
        var wrapped = Assert.IsType<HttpRequestException>(raw);
        Assert.IsType<EndOfStreamException>(wrapped.InnerException);
        Assert.Empty(errors);
        Assert.False(cts.IsCancellationRequested);
    }

    [Fact]
    public async Task WatchListNamespacedConfigMap_Cancelled_EndsPromptly()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.CreateConfigMapAsync("open");
        using var cts = new CancellationTokenSource();
        var opened = new TaskCompletionSource();

        var watching = Task.Run(async () =>
        {
            await foreach (var _ in cluster.Client.CoreV1.WatchListNamespacedConfigMapAsync(cluster.Namespace, cancellationToken: cts.Token))
            {
                opened.TrySetResult();
            }
        });
        await opened.Task.WaitAsync(Eventually.Timeout);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching.WaitAsync(Eventually.Timeout));
    }

    internal static async Task<(WatchEventType Type, T Object)> FirstAsync<T>(IAsyncEnumerable<(WatchEventType, T)> events)
    {
        await foreach (var e in events)
        {
            return e;
        }

        throw new InvalidOperationException("The watch ended without events.");
    }
}
