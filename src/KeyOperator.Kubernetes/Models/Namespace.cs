// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>core/v1 Namespace. Only the phase of its status is modelled; the rest of spec/status is not needed here.</summary>
public sealed record Namespace : IKubernetesObject
{
    /// <inheritdoc />
    public string? ApiVersion { get; init; } = "v1";

    /// <inheritdoc />
    public string? Kind { get; init; } = "Namespace";

    /// <inheritdoc />
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>Status; <c>phase</c> is <c>Active</c> or <c>Terminating</c>.</summary>
    public NamespaceStatus? Status { get; init; }
}
