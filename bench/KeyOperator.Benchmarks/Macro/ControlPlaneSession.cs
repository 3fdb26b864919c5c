// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using KeyOperator.ControlPlane;
using KeyOperator.Hosting;
using KeyOperator.Kubernetes;
using KeyOperator.Kubernetes.Errors;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;
using KeyOperator.LocalCluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace KeyOperator.Benchmarks.Macro;

/// <summary>
/// The local control plane with the CRDs installed but no operator yet, so a scenario can fill it first and then
/// measure what starting the operator costs. <c>key-operator-local</c> does the same steps in one go (DevEnvironment).
/// </summary>
internal sealed class ControlPlaneSession : IAsyncDisposable
{
    private readonly string _directory;

    private ControlPlaneSession(LocalControlPlane controlPlane, string directory, KubernetesClientConfiguration configuration)
    {
        ControlPlane = controlPlane;
        _directory = directory;
        Configuration = configuration;
        Client = new KubernetesClient(configuration);
    }

    public LocalControlPlane ControlPlane { get; }

    public KubernetesClientConfiguration Configuration { get; }

    public KubernetesClient Client { get; }

    public static async Task<ControlPlaneSession> StartAsync(CancellationToken cancellationToken)
    {
        string directory = Directory.CreateTempSubdirectory("keyop-bench-").FullName;
        LocalControlPlane controlPlane = await LocalControlPlane.StartAsync(new LocalControlPlaneOptions(), cancellationToken);
        string kubeconfig = Path.Combine(directory, "kubeconfig");
        await controlPlane.WriteKubeconfigAsync(kubeconfig, cancellationToken);
        var session = new ControlPlaneSession(controlPlane, directory, KubeconfigLoader.LoadFiles([kubeconfig]));
        await CrdInstaller.InstallAsync(session.Client, cancellationToken);
        await session.EnsureNamespaceAsync("key-operator", cancellationToken);
        return session;
    }

    /// <summary>The operator host as in a cluster, without the admission listener (not under test here).</summary>
    public WebApplication BuildOperator() => OperatorHost.Build(new OperatorHostOptions
    {
        Client = Configuration,
        Namespace = "key-operator",
        LeaderElection = true,
        MetricsEndpoint = new IPEndPoint(IPAddress.Loopback, 0),
        Admission = false,
        JsonLogs = false,
        ConfigureLogging = static logging => logging.SetMinimumLevel(LogLevel.Warning),
    });

    public async Task EnsureNamespaceAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await Client.CreateAsync(ResourceType.Namespaces, new Namespace { Metadata = new ObjectMeta { Name = name } }, KubernetesJsonContext.Default.Namespace, cancellationToken: cancellationToken);
        }
        catch (AlreadyExistsException)
        {
            // Scenarios share namespaces between phases.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await ControlPlane.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
