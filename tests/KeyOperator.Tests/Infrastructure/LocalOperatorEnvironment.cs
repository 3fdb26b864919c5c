// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using KeyOperator.ControlPlane;
using KeyOperator.LocalCluster;
using Microsoft.Extensions.Logging;

namespace KeyOperator.Tests.Infrastructure;

/// <summary>A local control plane with the operator, exactly as <c>key-operator-local</c> starts them.</summary>
internal sealed class LocalOperatorEnvironment : OperatorEnvironment
{
    private readonly DevEnvironment _dev;
    private readonly CapturingLoggerProvider _logs;

    private LocalOperatorEnvironment(DevEnvironment dev, CapturingLoggerProvider logs)
    {
        _dev = dev;
        _logs = logs;
    }

    public override IKubernetes Client => _dev.Client;

    public override string KubeconfigPath => _dev.KubeconfigPath;

    public override Uri MetricsAddress => _dev.MetricsAddress;

    public override CapturingLoggerProvider Logs => _logs;

    public override LocalControlPlane ControlPlane => _dev.ControlPlane;

    public static async Task<OperatorEnvironment> StartAsync(string directory, string? policyFile, string? hsmConfig = null)
    {
        CapturingLoggerProvider logs = new();
        DevEnvironment dev = await DevEnvironment.StartAsync(
            new DevOptions
            {
                KubeconfigPath = Path.Combine(directory, "kubeconfig"),
                PolicyFile = policyFile,
                HsmConfigFile = hsmConfig,
                ConfigureLogging = logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug),
            },
            TextWriter.Null,
            CancellationToken.None);
        return new LocalOperatorEnvironment(dev, logs);
    }

    public override Task StopOperatorAsync() => _dev.StopOperatorAsync();

    public override Task StartOperatorAsync(CancellationToken cancellationToken) => _dev.StartOperatorAsync(cancellationToken);

    public override async ValueTask DisposeAsync()
    {
        await _dev.DisposeAsync();
        _logs.Dispose();
    }
}
