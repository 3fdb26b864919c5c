// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.LocalCluster;

/// <summary>What <c>key-operator-local</c> was asked to do.</summary>
internal sealed record DevOptions
{
    public int Port { get; init; }

    public int MetricsPort { get; init; }

    public int WebhookPort { get; init; }

    public string KubeconfigPath { get; init; } = Path.Combine(".keyop", "kubeconfig");

    public bool ApplySamples { get; init; }

    public string SamplesDirectory { get; init; } = Path.Combine("config", "samples");

    public string OperatorNamespace { get; init; } = "key-operator";

    public string? PolicyFile { get; init; }

    /// <summary>The <c>--hsm-config</c> file; null configures no HSM.</summary>
    public string? HsmConfigFile { get; init; }

    /// <summary>False runs the control plane alone (<c>--control-plane-only</c>).</summary>
    public bool StartOperator { get; init; } = true;

    /// <summary>Extra logging setup for the operator host (tests capture logs with it).</summary>
    public Action<Microsoft.Extensions.Logging.ILoggingBuilder>? ConfigureLogging { get; init; }
}
