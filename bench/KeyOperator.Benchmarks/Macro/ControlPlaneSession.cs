// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using k8s.Models;
using k8s;
using KeyOperator.ControlPlane;
using KeyOperator.LocalCluster;
using KeyOperator.Operator.Hosting;
using KeyOperator.Runtime.Client;
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
    private readonly string _kubeconfig;

    private ControlPlaneSession(LocalControlPlane controlPlane, string directory, string kubeconfig)
    {
        ControlPlane = controlPlane;
        _directory = directory;
        _kubeconfig = kubeconfig;
        Client = BenchClient.Create(kubeconfig);
    }

    public LocalControlPlane ControlPlane { get; }

    /// <summary>The scenario's own client (creates, reads); the operator builds its own.</summary>
    public k8s.Kubernetes Client { get; }

    public static async Task<ControlPlaneSession> StartAsync(CancellationToken cancellationToken)
    {
        string directory = Directory.CreateTempSubdirectory("keyop-bench-").FullName;
        LocalControlPlane controlPlane = await LocalControlPlane.StartAsync(new LocalControlPlaneOptions(), cancellationToken);
        string kubeconfig = Path.Combine(directory, "kubeconfig");
        await controlPlane.WriteKubeconfigAsync(kubeconfig, cancellationToken);
        var session = new ControlPlaneSession(controlPlane, directory, kubeconfig);
        await CrdInstaller.InstallAsync(session.Client, cancellationToken);
        await session.EnsureNamespaceAsync("key-operator", cancellationToken);
        return session;
    }

    /// <summary>The operator host as in a cluster, without the admission listener (not under test here).</summary>
    public WebApplication BuildOperator() => OperatorHost.Build(new OperatorHostOptions
    {
        // A configuration of its own: the host's client factory adjusts the one it is given.
        Client = KubernetesClientConfiguration.BuildConfigFromConfigFile(_kubeconfig),
        Namespace = "key-operator",
        LeaderElection = true,
        MetricsEndpoint = new IPEndPoint(IPAddress.Loopback, 0),
        Admission = false,
        JsonLogs = false,
        ConfigureLogging = static logging => logging.SetMinimumLevel(LogLevel.Warning),
    });

    public Task EnsureNamespaceAsync(string name, CancellationToken cancellationToken) => EnsureNamespaceAsync(Client, name, cancellationToken);

    public static async Task EnsureNamespaceAsync(IKubernetes client, string name, CancellationToken cancellationToken)
    {
        try
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } }, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (KubernetesErrors.IsAlreadyExists(ex))
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
