// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>core/v1 ServiceAccount, minimal: the identity that an in-cluster client authenticates as.</summary>
public sealed record ServiceAccount : IKubernetesObject
{
    /// <inheritdoc />
    public string? ApiVersion { get; init; } = "v1";

    /// <inheritdoc />
    public string? Kind { get; init; } = "ServiceAccount";

    /// <inheritdoc />
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>When false, pods using this account do not get a token mounted automatically.</summary>
    public bool? AutomountServiceAccountToken { get; init; }
}
