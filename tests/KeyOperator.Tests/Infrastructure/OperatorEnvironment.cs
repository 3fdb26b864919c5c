// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using KeyOperator.ControlPlane;

namespace KeyOperator.Tests.Infrastructure;

/// <summary>
/// What an end-to-end test talks to: a cluster, the operator running in this process against it, and a kubeconfig for
/// kubectl and the CLI. The cluster is a local control plane of the fixture's own, or the one named by
/// <c>KEYOP_TEST_KUBECONFIG</c>.
/// </summary>
public abstract class OperatorEnvironment : IAsyncDisposable
{
    /// <summary>A client for the cluster, for the test's own reads.</summary>
    public abstract IKubernetes Client { get; }

    /// <summary>The kubeconfig kubectl and the CLI use.</summary>
    public abstract string KubeconfigPath { get; }

    /// <summary>The operator's metrics and health endpoint.</summary>
    public abstract Uri MetricsAddress { get; }

    /// <summary>What the operator logged.</summary>
    public abstract CapturingLoggerProvider Logs { get; }

    /// <summary>The local control plane, for fault injection; only fixtures that always run locally have one.</summary>
    public abstract LocalControlPlane ControlPlane { get; }

    public abstract Task StopOperatorAsync();

    public abstract Task StartOperatorAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}
