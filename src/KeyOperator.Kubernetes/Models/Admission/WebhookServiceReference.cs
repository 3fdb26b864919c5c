// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>admissionregistration.k8s.io/v1 ServiceReference.</summary>
public sealed record WebhookServiceReference
{
    /// <summary>Service namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Service name.</summary>
    public required string Name { get; init; }

    /// <summary>URL path, such as <c>/validate</c>.</summary>
    public string? Path { get; init; }

    /// <summary>Port; 443 when absent.</summary>
    public int? Port { get; init; }
}
