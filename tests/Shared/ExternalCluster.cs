// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;

namespace KeyOperator.Testing;

/// <summary>
/// The cluster named by <c>KEYOP_TEST_KUBECONFIG</c>. Tests that need nothing but the Kubernetes API run against it
/// when it is set, and against a local control plane of their own otherwise; tests that need the local control plane's
/// extras (fault injection, history compaction, a reachable admission webhook) always use their own.
/// </summary>
internal static class ExternalCluster
{
    public const string Variable = "KEYOP_TEST_KUBECONFIG";

    /// <summary>The kubeconfig file, or null when tests run on local control planes only.</summary>
    public static string? KubeconfigPath =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? Path.GetFullPath(path) : null;

    public static bool IsConfigured => KubeconfigPath is not null;

    /// <summary>The official client's configuration of the external cluster (its current context).</summary>
    public static KubernetesClientConfiguration LoadConfiguration() =>
        KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath ?? throw new InvalidOperationException(Variable + " is not set"));

    /// <summary>A name no earlier run left behind on a long-lived cluster: the prefix and 8 random hex digits.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
}
