// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes;

/// <summary>A kubeconfig <c>exec</c> user: a command that prints a <c>client.authentication.k8s.io/v1</c> ExecCredential.</summary>
public sealed record ExecCredentialConfig
{
    /// <summary>Command to run: an absolute path, a name looked up on PATH (already resolved for relative paths).</summary>
    public required string Command { get; init; }

    /// <summary>Arguments.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Extra environment variables.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Expected ExecCredential apiVersion; the plugin's output must match it.</summary>
    public string ApiVersion { get; init; } = "client.authentication.k8s.io/v1";

    /// <summary>Pass the cluster (server, CA, TLS settings) to the plugin in <c>KUBERNETES_EXEC_INFO</c>.</summary>
    public bool ProvideClusterInfo { get; init; }

    /// <summary><c>Never</c>, <c>IfAvailable</c> or <c>Always</c>; this client never has a terminal, so <c>Always</c> fails.</summary>
    public string InteractiveMode { get; init; } = "IfAvailable";

    /// <summary>Working directory of the plugin (the kubeconfig's directory); null for the current one.</summary>
    public string? WorkingDirectory { get; init; }
}
