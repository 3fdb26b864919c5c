// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using KeyOperator.ControlPlane;
using KeyOperator.Hosting;
using KeyOperator.Kubernetes;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;
using Microsoft.AspNetCore.Builder;

namespace KeyOperator.Cli;

/// <summary>
/// The running pieces of <c>key-operator dev</c>: the local control plane, the CRDs installed into it, and the
/// operator host connected to it. End-to-end tests start the same environment in-process.
/// </summary>
internal sealed class DevEnvironment : IAsyncDisposable
{
    private readonly WebApplication _operator;

    private DevEnvironment(LocalControlPlane controlPlane, string kubeconfigPath, KubernetesClient client, WebApplication host)
    {
        ControlPlane = controlPlane;
        KubeconfigPath = kubeconfigPath;
        Client = client;
        _operator = host;
    }

    public LocalControlPlane ControlPlane { get; }

    public string KubeconfigPath { get; }

    /// <summary>A client for the local control plane, for tests and for applying samples.</summary>
    public KubernetesClient Client { get; }

    /// <summary>The operator's metrics and health endpoint.</summary>
    public Uri MetricsAddress => new(_operator.Urls.First(u => u.StartsWith("http://", StringComparison.Ordinal)));

    public static async Task<DevEnvironment> StartAsync(DevOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);

        LocalControlPlane controlPlane = await LocalControlPlane.StartAsync(new LocalControlPlaneOptions { Port = options.Port }, cancellationToken).ConfigureAwait(false);
        string kubeconfigPath = Path.GetFullPath(options.KubeconfigPath);
        Directory.CreateDirectory(Path.GetDirectoryName(kubeconfigPath)!);
        await controlPlane.WriteKubeconfigAsync(kubeconfigPath, cancellationToken).ConfigureAwait(false);

        KubernetesClientConfiguration configuration = KubeconfigLoader.LoadFiles([kubeconfigPath]);
        KubernetesClient client = new(configuration);
        await CrdInstaller.InstallAsync(client, cancellationToken).ConfigureAwait(false);
        await EnsureNamespaceAsync(client, options.OperatorNamespace, cancellationToken).ConfigureAwait(false);

        string webhookDirectory = Path.Combine(Path.GetDirectoryName(kubeconfigPath)!, "webhook");
        string webhookCa = DevWebhookCertificates.Write(webhookDirectory, TimeProvider.System);
        WebApplication host = OperatorHost.Build(new OperatorHostOptions
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
            MinimumRotationInterval = TimeSpan.FromSeconds(5),
            ConfigureLogging = options.ConfigureLogging,
        });
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        Uri webhookBase = new(host.Urls.First(u => u.StartsWith("https://", StringComparison.Ordinal)));
        await DevWebhookRegistration.RegisterAsync(client, options.OperatorNamespace, webhookBase, webhookCa, cancellationToken).ConfigureAwait(false);

        await output.WriteLineAsync($"Local control plane listening on {controlPlane.BaseAddress}").ConfigureAwait(false);
        await output.WriteLineAsync($"Operator metrics and health on {host.Urls.First(u => u.StartsWith("http://", StringComparison.Ordinal))}").ConfigureAwait(false);
        await output.WriteLineAsync($"Admission webhook on {webhookBase} (policy: {options.PolicyFile ?? "built-in defaults"})").ConfigureAwait(false);
        if (options.ApplySamples)
        {
            int applied = await ManifestApplier.ApplyDirectoryAsync(client, options.SamplesDirectory, "key-operator-dev", cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"Applied {applied} sample objects from {options.SamplesDirectory}").ConfigureAwait(false);
        }

        await output.WriteLineAsync($"export KUBECONFIG={kubeconfigPath}").ConfigureAwait(false);
        return new DevEnvironment(controlPlane, kubeconfigPath, client, host);
    }

    public async ValueTask DisposeAsync()
    {
        await _operator.StopAsync().ConfigureAwait(false);
        await _operator.DisposeAsync().ConfigureAwait(false);
        Client.Dispose();
        await ControlPlane.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task EnsureNamespaceAsync(KubernetesClient client, string name, CancellationToken cancellationToken)
    {
        try
        {
            await client.CreateAsync(ResourceType.Namespaces, new Namespace { Metadata = new ObjectMeta { Name = name } }, KubernetesJsonContext.Default.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Kubernetes.Errors.AlreadyExistsException)
        {
            // Re-running dev against the same control plane is fine.
        }
    }
}
