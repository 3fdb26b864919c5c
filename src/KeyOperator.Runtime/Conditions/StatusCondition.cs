// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Conditions;

/// <summary>A status condition shaped like metav1.Condition (k8s.io/apimachinery pkg/apis/meta/v1/types.go).</summary>
public sealed record StatusCondition
{
    /// <summary>The condition type in PascalCase, for example "Ready"; unique within a list.</summary>
    public required string Type { get; init; }

    /// <summary>"True", "False" or "Unknown" (see <see cref="ConditionStatus"/>).</summary>
    public required string Status { get; init; }

    /// <summary>metadata.generation the condition was computed from.</summary>
    public long? ObservedGeneration { get; init; }

    /// <summary>When <see cref="Status"/> last changed; unchanged by updates that keep the status.</summary>
    public DateTimeOffset? LastTransitionTime { get; init; }

    /// <summary>A CamelCase machine-readable reason (required); use constants, see <see cref="ConditionReasons"/>.</summary>
    public required string Reason { get; init; }

    /// <summary>A human-readable message; never secret values.</summary>
    public string? Message { get; init; }
}
