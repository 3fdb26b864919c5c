// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration.</summary>
public sealed record ValidatingWebhookConfiguration : IKubernetesObject
{
    /// <inheritdoc />
    public string? ApiVersion { get; init; } = "admissionregistration.k8s.io/v1";

    /// <inheritdoc />
    public string? Kind { get; init; } = "ValidatingWebhookConfiguration";

    /// <inheritdoc />
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>The webhooks.</summary>
    public IReadOnlyList<ValidatingWebhook>? Webhooks { get; init; }
}
