// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Collections.Concurrent;
using KeyOperator.ControlPlane;
using KeyOperator.Kubernetes;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;
using KeyOperator.Runtime.Informers;
using KeyOperator.Runtime.Kubernetes;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyOperator.Runtime.IntegrationTests;

/// <summary>A fresh local control plane per test (faults are global to a server) and a real HTTPS client to it.</summary>
internal sealed class TestCluster : IAsyncDisposable
{
    public const string Namespace = "default";

    private TestCluster(LocalControlPlane plane, KubernetesClient client)
    {
        Plane = plane;
        Client = client;
    }

    public LocalControlPlane Plane { get; }

    public KubernetesClient Client { get; }

    /// <summary>Every HTTP attempt the client made, in order, so tests can tell a resume from a relist.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public FaultInjector Faults => Plane.Faults;

    public static async Task<TestCluster> StartAsync()
    {
        var plane = await LocalControlPlane.StartAsync(new LocalControlPlaneOptions());
        TestCluster? cluster = null;
        var options = new KubernetesClientOptions { OnRequestCompleted = m => cluster!.Requests.Enqueue(new RecordedRequest(m, TimeProvider.System.GetTimestamp())) };
        cluster = new TestCluster(plane, new KubernetesClient(KubeconfigLoader.LoadYaml(plane.KubeconfigYaml), options));
        return cluster;
    }

    public int CountRequests(string verb, string resource) =>
        Requests.Count(r => r.Metric.Verb == verb && r.Metric.Resource == resource);

    /// <summary>The request log as text, for failure messages.</summary>
    public string DescribeRequests() =>
        string.Join(", ", Requests.Select(r => $"{r.Metric.Verb} {r.Metric.Resource} {r.Metric.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}"));

    public Informer<ConfigMap> CreateConfigMapInformer(string name = "configmaps")
    {
        var source = new KubernetesListWatchSource<ConfigMap>(
            Client, ResourceType.ConfigMaps, Namespace, KubernetesJsonContext.Default.ConfigMap, KubernetesJsonContext.Default.KubernetesListConfigMap);

        // Short reconnect backoff so that fault windows cost milliseconds, not the reflector's 800 ms+.
        var options = new InformerOptions
        {
            Name = name,
            BackoffInitial = TimeSpan.FromMilliseconds(50),
            BackoffMax = TimeSpan.FromMilliseconds(200),
        };
        return new Informer<ConfigMap>(source, KubernetesObjectAccessor<ConfigMap>.Instance, options, TimeProvider.System, NullLogger<Informer<ConfigMap>>.Instance);
    }

    public Task<ConfigMap> CreateConfigMapAsync(string name, string value = "1") =>
        Client.CreateAsync(
            ResourceType.ConfigMaps,
            new ConfigMap { Metadata = new ObjectMeta { Name = name, Namespace = Namespace }, Data = new Dictionary<string, string> { ["value"] = value } },
            KubernetesJsonContext.Default.ConfigMap);

    public Task<ConfigMap> GetConfigMapAsync(string name) =>
        Client.GetAsync(ResourceType.ConfigMaps, Namespace, name, KubernetesJsonContext.Default.ConfigMap);

    public async Task<ConfigMap> SetValueAsync(string name, string value)
    {
        var current = await GetConfigMapAsync(name);
        return await Client.ReplaceAsync(ResourceType.ConfigMaps, current with { Data = new Dictionary<string, string> { ["value"] = value } }, KubernetesJsonContext.Default.ConfigMap);
    }

    public async Task<IReadOnlyList<string>> ListConfigMapNamesAsync()
    {
        var list = await Client.ListAllAsync(ResourceType.ConfigMaps, Namespace, KubernetesJsonContext.Default.KubernetesListConfigMap);
        return [.. list.Items.Select(c => c.Metadata.Name!).Order(StringComparer.Ordinal)];
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Plane.DisposeAsync();
    }
}
