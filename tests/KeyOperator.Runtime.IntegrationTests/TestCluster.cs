// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Collections.Concurrent;
using System.Text;
using k8s;
using k8s.Models;
using KeyOperator.ControlPlane;
using KeyOperator.Runtime.Client;
using KeyOperator.Runtime.Informers;
using KeyOperator.Runtime.Kubernetes;
using KeyOperator.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyOperator.Runtime.IntegrationTests;

/// <summary>
/// A fresh local control plane per test (faults are global to a server) and the official client to it over real
/// HTTPS, built by the runtime's <see cref="KubernetesClientFactory"/> (retries, rate limit, timeout); or, for tests
/// that need nothing but the Kubernetes API, a fresh namespace on the cluster <c>KEYOP_TEST_KUBECONFIG</c> names.
/// </summary>
internal sealed class TestCluster : IAsyncDisposable
{
    /// <summary>Marks the objects a test made, for reconcilers that must leave the cluster's own objects alone.</summary>
    public const string TestLabel = "keyoperator.io/integration-test";

    private readonly LocalControlPlane? _plane;
    private readonly List<IDisposable> _clients = [];
    private readonly ConcurrentQueue<string> _extraNamespaces = new();
    private readonly ConcurrentQueue<string> _crds = new();
    private int _namespaces;

    private TestCluster(LocalControlPlane? plane, Func<KubernetesClientConfiguration> configuration, string @namespace)
    {
        _plane = plane;
        Configuration = configuration;
        Namespace = @namespace;
        Client = CreateClient(new KubernetesClientOptions { MaxRetryDelay = TimeSpan.FromSeconds(2) }, TimeProvider.System, Recorder);
    }

    /// <summary>Where the test's objects live: "default" on a local plane, a namespace of the test's own otherwise.</summary>
    public string Namespace { get; }

    /// <summary>A fresh configuration of the cluster per call (the factory changes the one it is given).</summary>
    public Func<KubernetesClientConfiguration> Configuration { get; }

    public k8s.Kubernetes Client { get; }

    /// <summary>Records every HTTP attempt of <see cref="Client"/>.</summary>
    public RequestRecorder Recorder { get; } = new();

    /// <summary>Every HTTP attempt the client made, in order of completion, so tests can tell a resume from a relist.</summary>
    public ConcurrentQueue<RecordedRequest> Requests => Recorder.Requests;

    public bool IsLocal => _plane is not null;

    public LocalControlPlane Plane =>
        _plane ?? throw new InvalidOperationException("This needs a local control plane: start the cluster with StartLocalAsync.");

    public FaultInjector Faults => Plane.Faults;

    /// <summary>The external cluster when one is configured, otherwise a local control plane.</summary>
    public static Task<TestCluster> StartAsync() => ExternalCluster.IsConfigured ? StartExternalAsync() : StartLocalAsync();

    /// <summary>Always a local control plane, for tests that inject faults.</summary>
    public static async Task<TestCluster> StartLocalAsync(LocalControlPlaneOptions? options = null)
    {
        var plane = await LocalControlPlane.StartAsync(options ?? new LocalControlPlaneOptions());
        var yaml = plane.KubeconfigYaml;
        return new TestCluster(plane, () => FromYaml(yaml), "default");
    }

    /// <summary>The official client's configuration from kubeconfig text.</summary>
    public static KubernetesClientConfiguration FromYaml(string kubeconfigYaml)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(kubeconfigYaml));
        return KubernetesClientConfiguration.BuildConfigFromConfigFile(stream);
    }

    /// <summary>Another client of the same cluster, through the runtime's handler chain; disposed with the cluster.</summary>
    public k8s.Kubernetes CreateClient(KubernetesClientOptions options, TimeProvider time, params DelegatingHandler[] inner) =>
        CreateClient(Configuration(), options, time, inner);

    /// <summary>A client of an adjusted configuration (another host, another token); disposed with the cluster.</summary>
    public k8s.Kubernetes CreateClient(KubernetesClientConfiguration configuration, KubernetesClientOptions options, TimeProvider time, params DelegatingHandler[] inner)
    {
        var client = KubernetesClientFactory.Create(configuration, options, time, inner);
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>A namespace of the test's own, for tests that need several; on an external cluster it is deleted at dispose.</summary>
    public async Task<string> NewNamespaceAsync()
    {
        var name = IsLocal ? $"test-{Interlocked.Increment(ref _namespaces)}" : ExternalCluster.UniqueName("keyop-it");
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        if (!IsLocal)
        {
            _extraNamespaces.Enqueue(name);
        }

        return name;
    }

    /// <summary>A CustomResourceDefinition to delete at dispose (a long-lived cluster keeps cluster-scoped objects).</summary>
    public void DeleteAtDispose(string crdName) => _crds.Enqueue(crdName);

    private static async Task<TestCluster> StartExternalAsync()
    {
        var cluster = new TestCluster(null, ExternalCluster.LoadConfiguration, ExternalCluster.UniqueName("keyop-it"));
        try
        {
            await cluster.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = cluster.Namespace } });
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    public int CountRequests(string verb, string resource) =>
        Requests.Count(r => r.Verb == verb && r.Resource == resource);

    /// <summary>The request log as text, for failure messages.</summary>
    public string DescribeRequests() => string.Join(", ", Requests);

    public Informer<V1ConfigMap> CreateConfigMapInformer(string name = "configmaps", TimeProvider? time = null, ILogger<Informer<V1ConfigMap>>? logger = null)
    {
        var client = Client;
        var ns = Namespace;
        var source = new KubernetesListWatchSource<V1ConfigMap, V1ConfigMapList>(
            (c, ct) => client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync(
                ns, continueParameter: c.Continue, labelSelector: c.LabelSelector, limit: c.Limit, resourceVersion: c.ResourceVersion, cancellationToken: ct),
            (c, onError, ct) => client.CoreV1.WatchListNamespacedConfigMapAsync(
                ns, allowWatchBookmarks: c.AllowWatchBookmarks, labelSelector: c.LabelSelector, resourceVersion: c.ResourceVersion, timeoutSeconds: c.TimeoutSeconds, onError: onError, cancellationToken: ct));

        // Short reconnect backoff so that fault windows cost milliseconds, not the reflector's 800 ms+.
        var options = new InformerOptions
        {
            Name = name,
            BackoffInitial = TimeSpan.FromMilliseconds(50),
            BackoffMax = TimeSpan.FromMilliseconds(200),
        };
        return new Informer<V1ConfigMap>(
            source,
            KubernetesObjectAccessor<V1ConfigMap>.Instance,
            options,
            time ?? TimeProvider.System,
            logger ?? NullLogger<Informer<V1ConfigMap>>.Instance,
            KubernetesJsonCopier<V1ConfigMap>.Instance);
    }

    public Task<V1ConfigMap> CreateConfigMapAsync(string name, string value = "1") =>
        Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace, Labels = new Dictionary<string, string> { [TestLabel] = "true" } },
                Data = new Dictionary<string, string> { ["value"] = value },
            },
            Namespace);

    public Task<V1ConfigMap> GetConfigMapAsync(string name) => Client.CoreV1.ReadNamespacedConfigMapAsync(name, Namespace);

    public Task DeleteConfigMapAsync(string name) => Client.CoreV1.DeleteNamespacedConfigMapAsync(name, Namespace);

    public async Task<V1ConfigMap> SetValueAsync(string name, string value)
    {
        var current = await GetConfigMapAsync(name);
        current.Data = new Dictionary<string, string> { ["value"] = value };
        return await Client.CoreV1.ReplaceNamespacedConfigMapAsync(current, name, Namespace);
    }

    public async Task<IReadOnlyList<string>> ListConfigMapNamesAsync()
    {
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync(Namespace);
        return [.. list.Items.Select(c => c.Metadata.Name).Order(StringComparer.Ordinal)];
    }

    public async ValueTask DisposeAsync()
    {
        if (_plane is null)
        {
            await DeleteNamespacesAsync();
        }

        lock (_clients)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }

        if (_plane is not null)
        {
            await _plane.DisposeAsync();
        }
    }

    /// <summary>Best effort: a leftover namespace costs a little space on the cluster, and must not fail the test.</summary>
    private async Task DeleteNamespacesAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var deletes = _crds.Select(name => (Func<Task>)(() => Client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync(name, cancellationToken: cts.Token)))
            .Concat(_extraNamespaces.Append(Namespace).Select(name => (Func<Task>)(() => Client.CoreV1.DeleteNamespaceAsync(name, cancellationToken: cts.Token))));
        foreach (var delete in deletes)
        {
            try
            {
                await delete();
            }
            catch (Exception ex) when (ex is k8s.Autorest.HttpOperationException or HttpRequestException or OperationCanceledException or KubernetesRequestTimeoutException)
            {
            }
        }
    }
}
