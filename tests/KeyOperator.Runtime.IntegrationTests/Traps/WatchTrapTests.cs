// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s.Models;
using KeyOperator.Runtime.Informers;
using Microsoft.Extensions.Time.Testing;

namespace KeyOperator.Runtime.IntegrationTests.Traps;

/// <summary>
/// The library's watch traps (issue 11 point 3), closed by the runtime's WatchStream, seen through an informer over
/// real HTTPS: an ERROR event it would hand to an ignored callback, and an empty server close it reports as an
/// exception. Local only: both need the control plane's CloseAllWatches.
/// </summary>
public sealed class WatchTrapTests
{
    [Fact]
    public async Task Informer_ErrorEvent410InsideWatch_RelistsWithConsistentRead()
    {
        await using var cluster = await TestCluster.StartLocalAsync();
        await cluster.CreateConfigMapAsync("a");
        var logger = new RecordingLogger<Informer<V1ConfigMap>>();
        var informer = cluster.CreateConfigMapInformer(logger: logger);
        var handler = new RecordingHandler();
        informer.AddHandler(handler);
        await informer.StartAsync(CancellationToken.None);
        try
        {
            await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Eventually.Timeout);
            await cluster.CreateConfigMapAsync("probe");
            await Eventually.TrueAsync(() => handler.Has("add", "probe"), "the probe arrives through the watch");
            var listsBefore = cluster.CountRequests("list", "configmaps");

            // A 200 stream carrying {"type":"ERROR","object":<Status 410 Expired>}: the library hands it to onError and
            // reads on; had the runtime ignored it, the stream would just end and the informer would resume, not relist.
            cluster.Faults.CloseAllWatches(sendExpired: true);

            await Eventually.TrueAsync(
                () => cluster.CountRequests("list", "configmaps") > listsBefore,
                () => $"the informer relists; requests: {cluster.DescribeRequests()}");
            var relist = cluster.Requests.Where(r => r.Verb == "list").Skip(listsBefore).First();
            Assert.True(string.IsNullOrEmpty(relist.QueryValue("resourceVersion")), $"a relist after 410 is a consistent read, not {relist.Query}");
            Assert.True(logger.Has("InformerExpired"), "the expiry was recognised as such");
            Assert.False(logger.Has("InformerFailed"), "a 410 is not a failure");

            // The informer carries on from the relist.
            await cluster.CreateConfigMapAsync("after");
            await Eventually.TrueAsync(() => handler.Has("add", "after"), "an object created after the relist arrives");
        }
        finally
        {
            await informer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Informer_WatchClosedByServerWithoutEvents_ResumesFromSameVersionWithoutBackoffOrRelist()
    {
        await using var cluster = await TestCluster.StartLocalAsync();
        await cluster.CreateConfigMapAsync("a");

        // The informer's clock is fake and only moves when the test moves it: any backoff would wait forever, so a new
        // watch arriving proves there was none.
        var clock = new FakeTimeProvider();
        var logger = new RecordingLogger<Informer<V1ConfigMap>>();
        var informer = cluster.CreateConfigMapInformer(time: clock, logger: logger);
        await informer.StartAsync(CancellationToken.None);
        try
        {
            await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Eventually.Timeout);

            // The watch's headers came back, so the server has registered it.
            await Eventually.TrueAsync(() => cluster.Requests.Any(r => r.Verb == "watch" && r.StatusCode == 200), "the watch is open");
            var watch = cluster.Requests.First(r => r.Verb == "watch");
            var listsBefore = cluster.CountRequests("list", "configmaps");

            // The watch has been open a while (reflector.go backs off after a watch that ends within a second without
            // events, which is right for a server that refuses at once, not for this one).
            clock.Advance(TimeSpan.FromSeconds(2));

            // No event went out on it, so the server closes it without a byte (not even a closing BOOKMARK): the
            // library ends such a read with EndOfStreamException.
            cluster.Faults.CloseAllWatches(sendExpired: false);

            await Eventually.TrueAsync(
                () => cluster.CountRequests("watch", "configmaps") > 1,
                () => $"the informer watches again without the clock moving; requests: {cluster.DescribeRequests()}; log: {string.Join(", ", logger.Entries.Select(e => $"{e.Id.Name} {e.Exception?.GetType().Name}"))}");
            var next = cluster.Requests.Where(r => r.Verb == "watch").Skip(1).First();
            Assert.Equal(watch.QueryValue("resourceVersion"), next.QueryValue("resourceVersion"));
            Assert.False(string.IsNullOrEmpty(next.QueryValue("resourceVersion")));
            Assert.Equal(listsBefore, cluster.CountRequests("list", "configmaps"));
            Assert.False(logger.Has("InformerFailed"), "an empty close is not a failure");
            Assert.False(logger.Has("InformerExpired"));
            Assert.True(logger.Has("InformerWatchClosed"), "the close was a normal end of the stream");
        }
        finally
        {
            await informer.StopAsync(CancellationToken.None);
        }
    }
}
