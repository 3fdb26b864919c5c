// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Kubernetes.Errors;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;
using Microsoft.Extensions.Time.Testing;

namespace KeyOperator.Kubernetes.Tests.Integration;

/// <summary>Injects server errors, so it needs the local control plane's fault injector.</summary>
[Collection(LocalControlPlaneCollection.Name)]
public sealed class ErrorAndRetryTests(LocalControlPlaneFixture fixture) : IDisposable
{
    public void Dispose() => fixture.ControlPlane.Faults.Reset();

    [Fact]
    public async Task AnyVerb_WrongToken_ThrowsUnauthorized()
    {
        using KubernetesClient client = fixture.CreateClient(configure: c => c with { AccessToken = "wrong-token" });

        var ex = await Assert.ThrowsAsync<UnauthorizedException>(() => client.ListAsync(ResourceType.Secrets, "default", KubernetesJsonContext.Default.KubernetesListSecret));

        Assert.Equal(401, ex.StatusCode);
        Assert.DoesNotContain("wrong-token", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_TwoServerErrors_RetriedThenSucceeds()
    {
        var metrics = new List<KubernetesRequestMetric>();
        using KubernetesClient client = CreateClient(metrics, maxRetries: 3);
        string ns = await fixture.NewNamespaceAsync();
        await client.CreateAsync(ResourceType.ConfigMaps, new ConfigMap { Metadata = new ObjectMeta { Name = "r", Namespace = ns } }, KubernetesJsonContext.Default.ConfigMap);
        fixture.ControlPlane.Faults.FailNext(2, 500, verb: "get", resource: "configmaps");

        ConfigMap map = await client.GetAsync(ResourceType.ConfigMaps, ns, "r", KubernetesJsonContext.Default.ConfigMap);

        Assert.Equal("r", map.Metadata.Name);
        Assert.Equal([500, 500, 200], metrics.Where(m => m.Verb == "get").Select(m => m.StatusCode));
        Assert.All(metrics.Where(m => m.Verb == "get"), m => Assert.Equal(("GET", "configmaps"), (m.Method, m.Resource)));
    }

    [Fact]
    public async Task GetAsync_ServerErrorsBeyondRetries_ThrowsInternalError()
    {
        var metrics = new List<KubernetesRequestMetric>();
        using KubernetesClient client = CreateClient(metrics, maxRetries: 1);
        fixture.ControlPlane.Faults.FailNext(5, 500, verb: "get", resource: "configmaps");

        var ex = await Assert.ThrowsAsync<InternalErrorException>(() => client.GetAsync(ResourceType.ConfigMaps, "default", "x", KubernetesJsonContext.Default.ConfigMap));

        Assert.Equal(500, ex.StatusCode);
        Assert.Equal(2, metrics.Count);
    }

    [Fact]
    public async Task CreateAsync_ServerError_NotRetried()
    {
        var metrics = new List<KubernetesRequestMetric>();
        using KubernetesClient client = CreateClient(metrics, maxRetries: 3);
        string ns = await fixture.NewNamespaceAsync();
        metrics.Clear();
        fixture.ControlPlane.Faults.FailNext(1, 500, verb: "create", resource: "configmaps");

        await Assert.ThrowsAsync<InternalErrorException>(() => client.CreateAsync(
            ResourceType.ConfigMaps, new ConfigMap { Metadata = new ObjectMeta { Name = "once", Namespace = ns } }, KubernetesJsonContext.Default.ConfigMap));

        Assert.Single(metrics);
    }

    [Fact]
    public async Task CreateAsync_TooManyRequests_WaitsForRetryAfterThenSucceeds()
    {
        // The retry delay runs on a fake clock, so the test proves the Retry-After wait without measuring time.
        var clock = new FakeTimeProvider();
        var metrics = new List<KubernetesRequestMetric>();
        using KubernetesClient client = fixture.CreateClient(new KubernetesClientOptions
        {
            TimeProvider = clock,
            InitialRetryDelay = TimeSpan.FromMilliseconds(10),
            OnRequestCompleted = m =>
            {
                lock (metrics)
                {
                    metrics.Add(m);
                }
            },
        });
        string ns = await fixture.NewNamespaceAsync();
        fixture.ControlPlane.Faults.FailNext(1, 429, verb: "create", resource: "configmaps", retryAfter: TimeSpan.FromSeconds(2));

        Task<ConfigMap> creating = client.CreateAsync(
            ResourceType.ConfigMaps, new ConfigMap { Metadata = new ObjectMeta { Name = "throttled", Namespace = ns } }, KubernetesJsonContext.Default.ConfigMap);
        await WaitUntilAsync(() => Count(metrics) == 1);
        clock.Advance(TimeSpan.FromSeconds(1.5));
        await Task.Delay(200);
        Assert.Equal(1, Count(metrics));
        clock.Advance(TimeSpan.FromSeconds(0.5));
        ConfigMap created = await creating.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("throttled", created.Metadata.Name);
        Assert.Equal([429, 201], metrics.Select(m => m.StatusCode));
    }

    [Fact]
    public async Task CreateAsync_TooManyRequestsWithoutRetries_ThrowsWithRetryAfter()
    {
        using KubernetesClient client = CreateClient([], maxRetries: 0);
        fixture.ControlPlane.Faults.FailNext(1, 429, verb: "list", resource: "secrets", retryAfter: TimeSpan.FromSeconds(3));

        var ex = await Assert.ThrowsAsync<TooManyRequestsException>(() => client.ListAsync(ResourceType.Secrets, "default", KubernetesJsonContext.Default.KubernetesListSecret));

        Assert.Equal(TimeSpan.FromSeconds(3), ex.RetryAfter);
    }

    [Fact]
    public async Task ListAsync_ServiceUnavailable_Retried()
    {
        var metrics = new List<KubernetesRequestMetric>();
        using KubernetesClient client = CreateClient(metrics, maxRetries: 2);
        fixture.ControlPlane.Faults.FailNext(1, 503, verb: "list", resource: "secrets");

        await client.ListAsync(ResourceType.Secrets, "default", KubernetesJsonContext.Default.KubernetesListSecret);

        Assert.Equal([503, 200], metrics.Select(m => m.StatusCode));
    }

    [Fact]
    public async Task ReplaceAsync_InjectedConflict_ThrowsConflict()
    {
        string ns = await fixture.NewNamespaceAsync();
        ConfigMap created = await fixture.Client.CreateAsync(
            ResourceType.ConfigMaps, new ConfigMap { Metadata = new ObjectMeta { Name = "c", Namespace = ns } }, KubernetesJsonContext.Default.ConfigMap);
        fixture.ControlPlane.Faults.FailNext(1, 409, verb: "update", resource: "configmaps");

        await Assert.ThrowsAsync<ConflictException>(() => fixture.Client.ReplaceAsync(ResourceType.ConfigMaps, created, KubernetesJsonContext.Default.ConfigMap));
    }

    private static int Count(List<KubernetesRequestMetric> metrics)
    {
        lock (metrics)
        {
            return metrics.Count;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(20, cts.Token);
        }
    }

    private KubernetesClient CreateClient(List<KubernetesRequestMetric> metrics, int maxRetries) => fixture.CreateClient(new KubernetesClientOptions
    {
        MaxRetries = maxRetries,
        InitialRetryDelay = TimeSpan.FromMilliseconds(10),
        OnRequestCompleted = m =>
        {
            lock (metrics)
            {
                metrics.Add(m);
            }
        },
    });
}
