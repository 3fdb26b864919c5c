// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using k8s.Models;

namespace KeyOperator.Operator.RotationPolicies;

/// <summary>
/// RotationPolicy says when the ApiKeys that reference it are rotated (on a fixed interval or a cron schedule, and
/// before they expire) and how: replace at once, or keep the previous key valid for a grace period.
/// </summary>
internal sealed record RotationPolicy : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Versioned schema of this object; always keyoperator.io/v1alpha1 for this version.</summary>
    public string ApiVersion { get; set; } = RotationPolicyConstants.ApiVersion;

    /// <summary>Kind of this object; always RotationPolicy.</summary>
    public string Kind { get; set; } = RotationPolicyConstants.Kind;

    /// <summary>Standard object metadata (the library's mutable model; treat it as read-only).</summary>
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>When and how keys that reference this policy are rotated.</summary>
    public RotationPolicySpec Spec { get; init; } = new();

    /// <summary>Observed state, written by the operator: whether the policy is valid.</summary>
    public RotationPolicyStatus? Status { get; init; }
}
