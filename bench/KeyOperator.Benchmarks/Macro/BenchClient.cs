// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using KeyOperator.Runtime.Client;

namespace KeyOperator.Benchmarks.Macro;

/// <summary>
/// The client a scenario drives the cluster with (creates, polls), standing in for users and CI jobs: the library
/// through the operator's handler chain for its retries and timeouts, but with the client-side rate limit out of the
/// way (the hand-written client the scenarios were written against had none). A 20 QPS limit here would measure the
/// driver, not the operator. The operator under test keeps its own production limit.
/// </summary>
internal static class BenchClient
{
    private static readonly KubernetesClientOptions Unthrottled = new() { Qps = 10_000, Burst = 100_000 };

    public static k8s.Kubernetes Create(string kubeconfigPath) =>
        KubernetesClientFactory.Create(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath), Unthrottled, TimeProvider.System);
}
