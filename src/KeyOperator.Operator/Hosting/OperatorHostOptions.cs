// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;

namespace KeyOperator.Operator.Hosting;

/// <summary>How to run the operator: which API server, in which namespace, with what settings.</summary>
public sealed record OperatorHostOptions
{
    /// <summary>Connection to the API server (kubeconfig or in-cluster).</summary>
    public required KubernetesClientConfiguration Client { get; init; }

    /// <summary>The operator's own namespace: home of its leader-election Lease.</summary>
    public string Namespace { get; init; } = "key-operator";

    /// <summary>Client-side rate limit towards the API server, requests per second (controller-runtime's default).</summary>
    public double ClientQps { get; init; } = 20;

    /// <summary>Requests that may go at once above <see cref="ClientQps"/>.</summary>
    public int ClientBurst { get; init; } = 30;

    /// <summary>Run controllers only while holding the Lease. Off only for single-process development.</summary>
    public bool LeaderElection { get; init; } = true;

    /// <summary>Address and port of /metrics, /healthz and /readyz (plain HTTP). Port 0 picks a free one.</summary>
    public System.Net.IPEndPoint MetricsEndpoint { get; init; } = new(System.Net.IPAddress.Any, 8080);

    /// <summary>Serve the validating admission webhook (HTTPS) from this process.</summary>
    public bool Admission { get; init; } = true;

    /// <summary>Admission webhook settings (port, certificate files or self-managed certificate, policy file).</summary>
    public Action<KeyOperator.Operator.Admission.AdmissionOptions>? ConfigureAdmission { get; init; }

    /// <summary>Controller settings (ApiKey workers, the minimum rotation interval); validated when the host starts.</summary>
    public Action<KeyOperator.Operator.KeyOperatorControllerOptions>? ConfigureControllers { get; init; }

    /// <summary>HSM settings (the <c>--hsm-config</c> file); the namespace of the PIN Secrets defaults to <see cref="Namespace"/>.</summary>
    public Action<KeyOperator.Operator.Hsm.HsmOptions>? ConfigureHsm { get; init; }

    /// <summary>JSON logs (production) rather than plain console lines (development).</summary>
    public bool JsonLogs { get; init; } = true;

    /// <summary>Extra logging setup, such as a capturing provider in tests.</summary>
    public Action<Microsoft.Extensions.Logging.ILoggingBuilder>? ConfigureLogging { get; init; }

    /// <summary>The clock; a fake one in tests.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
