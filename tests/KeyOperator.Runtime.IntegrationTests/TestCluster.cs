// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Collections.Concurrent;
using KeyOperator.ControlPlane;
using KeyOperator.Kubernetes;
using KeyOperator.Kubernetes.Errors;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;
using KeyOperator.Runtime.Informers;
using KeyOperator.Runtime.Kubernetes;
using KeyOperator.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyOperator.Runtime.IntegrationTests;

/// <summary>
/// A fresh local control plane per test (faults are global to a server) and a real HTTPS client to it; or, for tests
/// that need nothing but the Kubernetes API, a fresh namespace on the cluster <c>KEYOP_TEST_KUBECONFIG</c> names.
/// </summary>
internal sealed class TestCluster : IAsyncDisposable
{
    /// <summary>Marks the objects a test made, for reconcilers that must leave the cluster's own objects alone.</summary>
    public const string TestLabel = "keyoperator.io/integration-test";

    private readonly LocalControlPlane? _plane;

    private TestCluster(LocalControlPlane? plane, KubernetesClientConfiguration configuration, string @namespace)
    {
        _plane = plane;
        Namespace = @namespace;
        var options = new KubernetesClientOptions { OnRequestCompleted = m => Requests.Enqueue(new RecordedRequest(m, TimeProvider.System.GetTimestamp())) };
        Client = new KubernetesClient(configuration, options);
    }

    /// <summary>Where the test's objects live: "default" on a local plane, a namespace of the test's own otherwise.</summary>
    public string Namespace { get; }

    public KubernetesClient Client { get; }

    /// <summary>Every HTTP attempt the client made, in order, so tests can tell a resume from a relist.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public FaultInjector Faults =>
        _plane?.Faults ?? throw new InvalidOperationException("Fault injection needs a local control plane: start the cluster with StartLocalAsync.");

    /// <summary>The external cluster when one is configured, otherwise a local control plane.</summary>
    public static Task<TestCluster> StartAsync() => ExternalCluster.IsConfigured ? StartExternalAsync() : StartLocalAsync();

    /// <summary>Always a local control plane, for tests that inject faults.</summary>
    public static async Task<TestCluster> StartLocalAsync()
    {
        var plane = await LocalControlPlane.StartAsync(new LocalControlPlaneOptions());
        return new TestCluster(plane, KubeconfigLoader.LoadYaml(plane.KubeconfigYaml), "default");
    }

    private static async Task<TestCluster> StartExternalAsync()
    {
        var cluster = new TestCluster(null, ExternalCluster.LoadConfiguration(), ExternalCluster.UniqueName("keyop-it"));
        try
        {
            await cluster.Client.CreateAsync(
                ResourceType.Namespaces, new Namespace { Metadata = new ObjectMeta { Name = cluster.Namespace } }, KubernetesJsonContext.Default.Namespace);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

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
            new ConfigMap
            {
                Metadata = new ObjectMeta { Name = name, Namespace = Namespace, Labels = new Dictionary<string, string> { [TestLabel] = "true" } },
                Data = new Dictionary<string, string> { ["value"] = value } },
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
        if (_plane is null)
        {
            await DeleteNamespaceAsync();
        }

        Client.Dispose();
        if (_plane is not null)
        {
            await _plane.DisposeAsync();
        }
    }

    /// <summary>Best effort: a leftover namespace costs a little space on the cluster, and must not fail the test.</summary>
    private async Task DeleteNamespaceAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await Client.DeleteAsync(ResourceType.Namespaces, null, Namespace, cancellationToken: cts.Token);
        }
        catch (Exception ex) when (ex is KubernetesApiException or HttpRequestException or OperationCanceledException)
        {
        }
    }
}
