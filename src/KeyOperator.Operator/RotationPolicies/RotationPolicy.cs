// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Kubernetes.Models;

namespace KeyOperator.Operator.RotationPolicies;

/// <summary>
/// RotationPolicy says when the ApiKeys that reference it are rotated (on a fixed interval or a cron schedule, and
/// before they expire) and how: replace at once, or keep the previous key valid for a grace period.
/// </summary>
internal sealed record RotationPolicy : IKubernetesObject
{
    /// <summary>Versioned schema of this object; always keyoperator.io/v1alpha1 for this version.</summary>
    public string? ApiVersion { get; init; } = RotationPolicyConstants.ApiVersion;

    /// <summary>Kind of this object; always RotationPolicy.</summary>
    public string? Kind { get; init; } = RotationPolicyConstants.Kind;

    /// <summary>Standard object metadata.</summary>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>When and how keys that reference this policy are rotated.</summary>
    public RotationPolicySpec Spec { get; init; } = new();

    /// <summary>Observed state, written by the operator: whether the policy is valid.</summary>
    public RotationPolicyStatus? Status { get; init; }
}
