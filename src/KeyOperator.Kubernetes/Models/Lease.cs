// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>coordination.k8s.io/v1 Lease, the lock object of leader election.</summary>
public sealed record Lease : IKubernetesObject
{
    /// <inheritdoc />
    public string? ApiVersion { get; init; } = "coordination.k8s.io/v1";

    /// <inheritdoc />
    public string? Kind { get; init; } = "Lease";

    /// <inheritdoc />
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>Holder and timing of the lease.</summary>
    public LeaseSpec? Spec { get; init; }
}
