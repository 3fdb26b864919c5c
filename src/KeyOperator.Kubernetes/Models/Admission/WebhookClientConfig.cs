// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>admissionregistration.k8s.io/v1 WebhookClientConfig: a URL or a service, plus the CA bundle.</summary>
public sealed record WebhookClientConfig
{
    /// <summary>External URL; mutually exclusive with <see cref="Service"/>.</summary>
    public string? Url { get; init; }

    /// <summary>In-cluster service.</summary>
    public WebhookServiceReference? Service { get; init; }

    /// <summary>PEM CA bundle (base64 on the wire) used to verify the webhook's certificate.</summary>
    public byte[]? CaBundle { get; init; }
}
