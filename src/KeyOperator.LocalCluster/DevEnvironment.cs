// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using k8s.Models;
using k8s;
using KeyOperator.ControlPlane;
using KeyOperator.Operator.Hosting;
using KeyOperator.Runtime.Client;
using Microsoft.AspNetCore.Builder;

namespace KeyOperator.LocalCluster;

/// <summary>
/// The running pieces of <c>key-operator-local</c>: the local control plane, the CRDs installed into it, and the
/// operator host connected to it. End-to-end tests start the same environment in-process.
/// </summary>
internal sealed class DevEnvironment : IAsyncDisposable
{
    private readonly DevOptions _options;
    private readonly KubernetesClientConfiguration _configuration;
    private readonly string _webhookDirectory;
    private readonly string _webhookCa;
    private WebApplication? _operator;

    private DevEnvironment(DevOptions options, LocalControlPlane controlPlane, string kubeconfigPath, KubernetesClientConfiguration configuration, string webhookDirectory, string webhookCa)
    {
        _options = options;
        ControlPlane = controlPlane;
        KubeconfigPath = kubeconfigPath;
        _configuration = configuration;
        Client = KubernetesClientFactory.Create(configuration, new KubernetesClientOptions(), TimeProvider.System);
        _webhookDirectory = webhookDirectory;
        _webhookCa = webhookCa;
    }

    public LocalControlPlane ControlPlane { get; }

    public string KubeconfigPath { get; }

    /// <summary>A client for the local control plane, for tests and for applying samples.</summary>
    public k8s.Kubernetes Client { get; }

    /// <summary>The operator's metrics and health endpoint.</summary>
    public Uri MetricsAddress => new(Operator.Urls.First(u => u.StartsWith("http://", StringComparison.Ordinal)));

    /// <summary>The admission webhook's base address.</summary>
    public Uri WebhookAddress => new(Operator.Urls.First(u => u.StartsWith("https://", StringComparison.Ordinal)));

    private WebApplication Operator => _operator ?? throw new InvalidOperationException("The operator is stopped.");

    public static async Task<DevEnvironment> StartAsync(DevOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);

        LocalControlPlane controlPlane = await LocalControlPlane.StartAsync(new LocalControlPlaneOptions { Port = options.Port }, cancellationToken).ConfigureAwait(false);
        string kubeconfigPath = Path.GetFullPath(options.KubeconfigPath);
        Directory.CreateDirectory(Path.GetDirectoryName(kubeconfigPath)!);
        await controlPlane.WriteKubeconfigAsync(kubeconfigPath, cancellationToken).ConfigureAwait(false);

        KubernetesClientConfiguration configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath);
        string webhookDirectory = Path.Combine(Path.GetDirectoryName(kubeconfigPath)!, "webhook");
        string webhookCa = DevWebhookCertificates.Write(webhookDirectory, TimeProvider.System);
        DevEnvironment environment = new(options, controlPlane, kubeconfigPath, configuration, webhookDirectory, webhookCa);
        k8s.Kubernetes client = environment.Client;
        await CrdInstaller.InstallAsync(client, cancellationToken).ConfigureAwait(false);
        await EnsureNamespaceAsync(client, options.OperatorNamespace, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"Local control plane listening on {controlPlane.BaseAddress}").ConfigureAwait(false);
        if (options.StartOperator)
        {
            await environment.StartOperatorAsync(cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"Operator metrics and health on {environment.MetricsAddress}").ConfigureAwait(false);
            await output.WriteLineAsync($"Admission webhook on {environment.WebhookAddress} (policy: {options.PolicyFile ?? "built-in defaults"})").ConfigureAwait(false);
        }
        else
        {
            await output.WriteLineAsync("Operator not started (--control-plane-only); CRDs are installed").ConfigureAwait(false);
        }

        if (options.ApplySamples)
        {
            int applied = await ManifestApplier.ApplyDirectoryAsync(client, options.SamplesDirectory, "key-operator-dev", cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"Applied {applied} sample objects from {options.SamplesDirectory}").ConfigureAwait(false);
        }

        await output.WriteLineAsync($"export KUBECONFIG={kubeconfigPath}").ConfigureAwait(false);
        return environment;
    }

    /// <summary>
    /// Starts the operator host against the control plane and points the admission webhook configuration at it.
    /// The control plane and everything stored in it outlive the operator, as a cluster outlives an operator pod.
    /// </summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    public async Task StartOperatorAsync(CancellationToken cancellationToken)
    {
        if (_operator is not null)
        {
            throw new InvalidOperationException("The operator is already running.");
        }

        WebApplication host = BuildOperatorHost(_configuration, _options, _webhookDirectory);
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        _operator = host;
        await DevWebhookRegistration.RegisterAsync(Client, _options.OperatorNamespace, WebhookAddress, _webhookCa, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The operator host as <c>dev</c> runs it: leader election in <see cref="DevOptions.OperatorNamespace"/>, metrics
    /// on loopback, the admission webhook on 127.0.0.1 with the certificates in <paramref name="webhookDirectory"/>,
    /// and a 5-second minimum rotation interval. Not started.
    /// </summary>
    public static WebApplication BuildOperatorHost(KubernetesClientConfiguration configuration, DevOptions options, string webhookDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        return OperatorHost.Build(new OperatorHostOptions
        {
            Client = configuration,
            Namespace = options.OperatorNamespace,
            LeaderElection = true,
            MetricsEndpoint = new IPEndPoint(IPAddress.Loopback, options.MetricsPort),
            ConfigureAdmission = admission =>
            {
                admission.ListenAddress = "127.0.0.1";
                admission.Port = options.WebhookPort;
                admission.CertificateFile = Path.Combine(webhookDirectory, "tls.crt");
                admission.PrivateKeyFile = Path.Combine(webhookDirectory, "tls.key");
                admission.PolicyFile = options.PolicyFile is null ? null : Path.GetFullPath(options.PolicyFile);
                admission.SelfManaged.Namespace = options.OperatorNamespace;
            },
            JsonLogs = false,

            // Short enough to watch rotation live; production keeps the 1-minute floor.
            ConfigureControllers = controllers => (controllers.MinimumRotationInterval, controllers.MinimumRefreshInterval, controllers.PolicyFile) = (TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), options.PolicyFile is null ? null : Path.GetFullPath(options.PolicyFile)),
            ConfigureHsm = hsm => hsm.ConfigFile = options.HsmConfigFile is null ? null : Path.GetFullPath(options.HsmConfigFile),
            ConfigureLogging = options.ConfigureLogging,
        });
    }

    /// <summary>
    /// Stops the operator host as a pod termination would: in-flight reconciles are cancelled wherever they are,
    /// and the leader Lease is released. The control plane keeps running.
    /// </summary>
    public async Task StopOperatorAsync()
    {
        if (_operator is not { } host)
        {
            return;
        }

        _operator = null;
        await host.StopAsync().ConfigureAwait(false);
        await host.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopOperatorAsync().ConfigureAwait(false);
        Client.Dispose();
        await ControlPlane.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task EnsureNamespaceAsync(IKubernetes client, string name, CancellationToken cancellationToken)
    {
        try
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (KubernetesErrors.IsAlreadyExists(ex))
        {
            // Re-running dev against the same control plane is fine.
        }
    }
}
