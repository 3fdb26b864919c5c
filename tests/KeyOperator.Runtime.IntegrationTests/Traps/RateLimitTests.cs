// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using KeyOperator.Runtime.Client;
using Microsoft.Extensions.Time.Testing;

namespace KeyOperator.Runtime.IntegrationTests.Traps;

/// <summary>
/// The library has no client-side rate limit (issue 11 point 3); the runtime's ClientRateLimitHandler is client-go's
/// QPS/Burst token bucket. On a fake clock, so the test proves the wait without measuring time.
/// </summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task ThreeReads_Qps5Burst2_ThirdLeavesOnlyWhenTheClockReachesItsToken()
    {
        await using var cluster = await TestCluster.StartLocalAsync();
        var clock = new FakeTimeProvider();
        var recorder = new RequestRecorder();
        var client = cluster.CreateClient(new KubernetesClientOptions { Qps = 5, Burst = 2 }, clock, recorder);

        var reads = Enumerable.Range(0, 3).Select(_ => client.CoreV1.ReadNamespaceAsync("default")).ToList();

        // The burst goes at once; the third is held by the limiter, on a timer of the fake clock, before the wire.
        await Eventually.TrueAsync(() => recorder.Requests.Count == 2, "the burst of two completes");
        Assert.Equal(2, recorder.Started.Count);
        clock.Advance(TimeSpan.FromMilliseconds(199));
        Assert.Equal(2, recorder.Started.Count);

        // 1 / 5 qps = 200 ms after the bucket emptied, the third token is there.
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var namespaces = await Task.WhenAll(reads).WaitAsync(Eventually.Timeout);

        Assert.All(namespaces, n => Assert.Equal("default", n.Metadata.Name));
        Assert.Equal(3, recorder.Requests.Count);
    }
}
