// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Collections.Concurrent;
using KeyOperator.Kubernetes.Errors;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;
using KeyOperator.Testing;

namespace KeyOperator.Kubernetes.Tests.Integration;

/// <summary>
/// A cluster shared by a collection of integration tests, plus a client for it. A long-lived cluster outlives the
/// fixture, so there names must be unique across runs and what the tests made is deleted again at the end.
/// </summary>
public abstract class ClusterFixture : IAsyncLifetime
{
    private readonly ConcurrentQueue<(ResourceType Type, string Name)> _cleanup = new();
    private KubernetesClientConfiguration _configuration = null!;
    private int _namespaces;

    public KubernetesClient Client { get; private set; } = null!;

    /// <summary>Every HTTP attempt of <see cref="Client"/>.</summary>
    public ConcurrentQueue<KubernetesRequestMetric> Metrics { get; } = new();

    /// <summary>True when the cluster was there before the fixture and stays after it.</summary>
    protected abstract bool IsLongLived { get; }

    public async Task InitializeAsync()
    {
        _configuration = await ConnectAsync();
        Client = CreateClient();
    }

    public async Task DisposeAsync()
    {
        if (IsLongLived)
        {
            await CleanUpAsync();
        }

        Client.Dispose();
        await DisconnectAsync();
    }

    /// <summary>A client for the cluster, with fast retries and metrics unless <paramref name="options"/> says otherwise.</summary>
    public KubernetesClient CreateClient(
        KubernetesClientOptions? options = null, Func<KubernetesClientConfiguration, KubernetesClientConfiguration>? configure = null) =>
        new(configure is null ? _configuration : configure(_configuration), options ?? new KubernetesClientOptions
        {
            InitialRetryDelay = TimeSpan.FromMilliseconds(10),
            OnRequestCompleted = Metrics.Enqueue,
        });

    /// <summary>The prefix itself on a cluster of the fixture's own, the prefix and a random suffix on a long-lived one.</summary>
    public string UniqueName(string prefix) => IsLongLived ? ExternalCluster.UniqueName(prefix) : prefix;

    /// <summary>Creates a fresh namespace so that tests do not see each other's objects.</summary>
    public async Task<string> NewNamespaceAsync()
    {
        string name = IsLongLived ? ExternalCluster.UniqueName("keyop-test") : $"test-{Interlocked.Increment(ref _namespaces)}";
        await Client.CreateAsync(ResourceType.Namespaces, new Namespace { Metadata = new ObjectMeta { Name = name } }, KubernetesJsonContext.Default.Namespace);
        DeleteAtDispose(ResourceType.Namespaces, name);
        return name;
    }

    /// <summary>Deletes a cluster-scoped object when the fixture ends, if the cluster outlives the fixture.</summary>
    public void DeleteAtDispose(ResourceType type, string name) => _cleanup.Enqueue((type, name));

    protected abstract Task<KubernetesClientConfiguration> ConnectAsync();

    protected abstract ValueTask DisconnectAsync();

    private async Task CleanUpAsync()
    {
        // Best effort: a leftover costs a little space on the cluster, a cleanup failure must not fail the run.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        foreach ((ResourceType type, string name) in _cleanup)
        {
            try
            {
                await Client.DeleteAsync(type, null, name, cancellationToken: cts.Token);
            }
            catch (Exception ex) when (ex is KubernetesApiException or HttpRequestException or OperationCanceledException)
            {
            }
        }
    }
}
