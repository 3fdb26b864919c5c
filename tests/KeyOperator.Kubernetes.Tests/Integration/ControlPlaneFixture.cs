// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Collections.Concurrent;
using KeyOperator.ControlPlane;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;

namespace KeyOperator.Kubernetes.Tests.Integration;

/// <summary>One local control plane (real HTTPS on loopback) shared by the integration tests, plus a client for it.</summary>
public sealed class ControlPlaneFixture : IAsyncLifetime
{
    private int _namespaces;

    public LocalControlPlane ControlPlane { get; private set; } = null!;

    public KubernetesClient Client { get; private set; } = null!;

    /// <summary>Every HTTP attempt of <see cref="Client"/>.</summary>
    public ConcurrentQueue<KubernetesRequestMetric> Metrics { get; } = new();

    public async Task InitializeAsync()
    {
        ControlPlane = await LocalControlPlane.StartAsync(new LocalControlPlaneOptions { BookmarkInterval = TimeSpan.FromMilliseconds(300) });
        Client = CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await ControlPlane.DisposeAsync();
    }

    /// <summary>A client configured from the control plane's kubeconfig, with fast retries and metrics.</summary>
    public KubernetesClient CreateClient(KubernetesClientOptions? options = null, string? token = null)
    {
        KubernetesClientConfiguration configuration = KubeconfigLoader.LoadYaml(ControlPlane.KubeconfigYaml);
        if (token is not null)
        {
            configuration = configuration with { AccessToken = token };
        }

        return new KubernetesClient(configuration, options ?? new KubernetesClientOptions
        {
            InitialRetryDelay = TimeSpan.FromMilliseconds(10),
            OnRequestCompleted = Metrics.Enqueue,
        });
    }

    /// <summary>Creates a fresh namespace so that tests do not see each other's objects.</summary>
    public async Task<string> NewNamespaceAsync()
    {
        string name = $"test-{Interlocked.Increment(ref _namespaces)}";
        await Client.CreateAsync(ResourceType.Namespaces, new Namespace { Metadata = new ObjectMeta { Name = name } }, KubernetesJsonContext.Default.Namespace);
        return name;
    }
}
