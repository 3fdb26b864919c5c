// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using k8s.Models;
using KeyOperator.ControlPlane;
using KeyOperator.LocalCluster;
using KeyOperator.Operator.Crds;
using KeyOperator.Runtime.Client;
using KeyOperator.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace KeyOperator.Tests.Infrastructure;

/// <summary>
/// The cluster named by <c>KEYOP_TEST_KUBECONFIG</c>, with the CRDs applied and one operator in this process, shared by
/// every fixture that uses it: two operators on one cluster would both reconcile every ApiKey. The operator gets a
/// namespace of its own for its Lease, removed when the last fixture lets go. The admission webhook listens on
/// loopback but is not registered: a remote API server could not call it, so admission tests always run locally.
/// </summary>
internal sealed class ExternalOperatorEnvironment : OperatorEnvironment
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static ExternalOperatorEnvironment? s_shared;
    private static int s_users;

    private readonly KubernetesClientConfiguration _configuration;
    private readonly DevOptions _options;
    private readonly string _directory;
    private readonly CapturingLoggerProvider _logs;
    private readonly k8s.Kubernetes _client;
    private WebApplication? _operator;

    private ExternalOperatorEnvironment(KubernetesClientConfiguration configuration, DevOptions options, string directory, CapturingLoggerProvider logs)
    {
        _configuration = configuration;
        _options = options;
        _directory = directory;
        _logs = logs;
        _client = KubernetesClientFactory.Create(configuration, new KubernetesClientOptions(), TimeProvider.System);
    }

    public override IKubernetes Client => _client;

    public override string KubeconfigPath => ExternalCluster.KubeconfigPath!;

    public override Uri MetricsAddress => new((_operator ?? throw new InvalidOperationException("The operator is stopped.")).Urls.First(u => u.StartsWith("http://", StringComparison.Ordinal)));

    public override CapturingLoggerProvider Logs => _logs;

    public override LocalControlPlane ControlPlane =>
        throw new InvalidOperationException("Running against " + ExternalCluster.Variable + ": there is no local control plane to inject faults into.");

    /// <summary>The shared environment, started by the first caller; every caller disposes it once.</summary>
    public static async Task<OperatorEnvironment> AcquireAsync()
    {
        await Gate.WaitAsync();
        try
        {
            s_shared ??= await StartAsync();
            s_users++;
            return s_shared;
        }
        finally
        {
            Gate.Release();
        }
    }

    public override async Task StopOperatorAsync()
    {
        if (_operator is { } host)
        {
            _operator = null;
            await host.StopAsync();
            await host.DisposeAsync();
        }
    }

    public override async Task StartOperatorAsync(CancellationToken cancellationToken)
    {
        WebApplication host = DevEnvironment.BuildOperatorHost(_configuration, _options, Path.Combine(_directory, "webhook"));
        await host.StartAsync(cancellationToken);
        _operator = host;
    }

    public override async ValueTask DisposeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (--s_users > 0)
            {
                return;
            }

            s_shared = null;
            await StopOperatorAsync();
            await DeleteNamespaceAsync(Client, _options.OperatorNamespace);
            _client.Dispose();
            _logs.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Deletes a namespace without waiting for it to go; a namespace already gone is fine.</summary>
    public static async Task DeleteNamespaceAsync(IKubernetes client, string name)
    {
        try
        {
            await client.CoreV1.DeleteNamespaceAsync(name);
        }
        catch (Exception ex) when (KubernetesErrors.IsNotFound(ex))
        {
            // Already gone.
        }
    }

    private static async Task<ExternalOperatorEnvironment> StartAsync()
    {
        KubernetesClientConfiguration configuration = ExternalCluster.LoadConfiguration();
        string directory = Directory.CreateTempSubdirectory("keyop-external-").FullName;
        DevWebhookCertificates.Write(Path.Combine(directory, "webhook"), TimeProvider.System);
        CapturingLoggerProvider logs = new();
        DevOptions options = new()
        {
            OperatorNamespace = ExternalCluster.UniqueName("keyop-e2e"),
            ConfigureLogging = logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug),
        };
        ExternalOperatorEnvironment environment = new(configuration, options, directory, logs);
        await CrdInstaller.InstallAsync(environment.Client, CancellationToken.None);
        await WaitEstablishedAsync(environment.Client);
        await environment.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = options.OperatorNamespace } });
        await environment.StartOperatorAsync(CancellationToken.None);
        return environment;
    }

    // A real API server serves a new CRD's resource only once it reports Established.
    private static async Task WaitEstablishedAsync(IKubernetes client)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        foreach (string name in CrdGenerator.GenerateCrdObjects().Select(c => c["metadata"]!["name"]!.GetValue<string>()))
        {
            while (true)
            {
                V1CustomResourceDefinition crd = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name);
                bool established = crd.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true;
                if (established)
                {
                    break;
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"CustomResourceDefinition {name} did not become Established");
                }

                await Task.Delay(200);
            }
        }
    }
}
