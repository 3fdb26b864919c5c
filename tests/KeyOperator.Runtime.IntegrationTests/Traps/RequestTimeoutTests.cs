// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using k8s.Models;
using KeyOperator.Runtime.Client;

namespace KeyOperator.Runtime.IntegrationTests.Traps;

/// <summary>
/// The library's only bound is a 100 s timeout that surfaces as the caller's own cancellation (issue 11 point 3);
/// the runtime's RequestTimeoutHandler replaces it. Over real HTTPS, with the control plane's slow responses.
/// </summary>
public sealed class RequestTimeoutTests
{
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Create_ServerSlowerThanRequestTimeout_ThrowsKubernetesRequestTimeoutException()
    {
        await using var cluster = await TestCluster.StartLocalAsync();
        var recorder = new RequestRecorder();
        var client = cluster.CreateClient(new KubernetesClientOptions { RequestTimeout = TimeSpan.FromSeconds(1) }, TimeProvider.System, recorder);
        cluster.Faults.Delay(Slow, "create", "configmaps", count: 1);

        var ex = await Assert.ThrowsAsync<KubernetesRequestTimeoutException>(() => client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "slow" } }, cluster.Namespace));

        Assert.Contains("POST", ex.Message, StringComparison.Ordinal);
        var attempt = Assert.Single(recorder.Requests);
        Assert.Null(attempt.StatusCode);
    }

    [Fact]
    public async Task Get_FirstAttemptTimesOut_RetriedAsReadAndSucceeds()
    {
        await using var cluster = await TestCluster.StartLocalAsync();
        await cluster.CreateConfigMapAsync("a");
        var recorder = new RequestRecorder();
        var client = cluster.CreateClient(new KubernetesClientOptions { RequestTimeout = TimeSpan.FromSeconds(1) }, TimeProvider.System, recorder);
        cluster.Faults.Delay(Slow, "get", "configmaps", count: 1);

        var map = await client.CoreV1.ReadNamespacedConfigMapAsync("a", cluster.Namespace);

        Assert.Equal("a", map.Metadata.Name);
        Assert.Equal([null, 200], recorder.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task Get_CallerCancelsWhileInFlight_ThrowsOperationCanceledNotTimeout()
    {
        await using var cluster = await TestCluster.StartLocalAsync();
        await cluster.CreateConfigMapAsync("a");
        var recorder = new RequestRecorder();
        var client = cluster.CreateClient(new KubernetesClientOptions(), TimeProvider.System, recorder);
        cluster.Faults.Delay(Slow, "get", "configmaps", count: 1);
        using var cts = new CancellationTokenSource();

        var reading = client.CoreV1.ReadNamespacedConfigMapAsync("a", cluster.Namespace, cancellationToken: cts.Token);
        await Eventually.TrueAsync(() => recorder.Started.Any(r => r.Verb == "get"), "the read is on the wire");
        await cts.CancelAsync();

        // The caller's own cancellation, not the request timeout (a TimeoutException, which is no OperationCanceledException).
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(Eventually.Timeout));

        // Not retried: the caller gave up, so nothing is tried again on its behalf.
        Assert.Single(recorder.Started);
    }
}
