// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Admission.Generation;

/// <summary>Inputs of <c>key-operator generate webhook</c>. Defaults produce the committed config/webhook manifest.</summary>
public sealed record WebhookConfigurationOptions
{
    /// <summary>Name of the ValidatingWebhookConfiguration.</summary>
    public string ConfigurationName { get; init; } = "key-operator";

    /// <summary>The operator's namespace: hosts the Service, and is excluded from validation with kube-system.</summary>
    public string Namespace { get; init; } = "key-operator";

    /// <summary>The webhook Service in <see cref="Namespace"/>.</summary>
    public string ServiceName { get; init; } = "key-operator-webhook";

    /// <summary>The Service's port.</summary>
    public int ServicePort { get; init; } = 443;

    /// <summary>PEM CA bundle to embed; null leaves caBundle out (self-managed mode or cert-manager's CA injector fills it).</summary>
    public string? CaBundlePem { get; init; }
}
