// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ProcessBench;

/// <summary><c>cluster</c>: waits until a fresh control plane serves the CRDs and has the operator's namespace.</summary>
internal static class ClusterScenario
{
    public static async Task RunAsync(Options options, CancellationToken cancellationToken)
    {
        using Cluster cluster = Cluster.Connect(options.Required("kubeconfig"));
        await cluster.WaitForCrdsAsync(cancellationToken);
        await cluster.EnsureNamespaceAsync(options.Optional("namespace") ?? "key-operator", cancellationToken);
        Results.Note("control plane serves the ApiKey CRD");
    }
}
