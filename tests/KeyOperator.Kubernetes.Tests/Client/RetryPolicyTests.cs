// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using System.Net.Sockets;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;

namespace KeyOperator.Kubernetes.Tests.Client;

/// <summary>Connection faults against a real closed port: GETs are retried, writes are not.</summary>
public sealed class RetryPolicyTests
{
    [Fact]
    public async Task GetAsync_ConnectionRefused_RetriedThenThrows()
    {
        var metrics = new List<KubernetesRequestMetric>();
        using KubernetesClient client = CreateClient(metrics);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(ResourceType.Secrets, "ns", "s", KubernetesJsonContext.Default.Secret));

        Assert.Equal(3, metrics.Count);
        Assert.All(metrics, m => Assert.Null(m.StatusCode));
    }

    [Fact]
    public async Task CreateAsync_ConnectionRefused_NotRetried()
    {
        var metrics = new List<KubernetesRequestMetric>();
        using KubernetesClient client = CreateClient(metrics);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.CreateAsync(
            ResourceType.Secrets, new Secret { Metadata = new ObjectMeta { Name = "s" } }, KubernetesJsonContext.Default.Secret));

        KubernetesRequestMetric metric = Assert.Single(metrics);
        Assert.Equal(("create", "POST", "secrets"), (metric.Verb, metric.Method, metric.Resource));
    }

    [Fact]
    public async Task GetAsync_CallerCancels_ThrowsOperationCanceled()
    {
        using KubernetesClient client = CreateClient([]);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync(ResourceType.Secrets, "ns", "s", KubernetesJsonContext.Default.Secret, cancellationToken: cts.Token));
    }

    private static KubernetesClient CreateClient(List<KubernetesRequestMetric> metrics) => new(
        new KubernetesClientConfiguration { Server = new Uri($"http://127.0.0.1:{ClosedPort()}/") },
        new KubernetesClientOptions { MaxRetries = 2, InitialRetryDelay = TimeSpan.FromMilliseconds(1), OnRequestCompleted = metrics.Add });

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
