// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ApiKeys;

/// <summary>A workload in the same namespace to restart, the way kubectl rollout restart does, after the key changes.</summary>
internal sealed record RestartTarget
{
    /// <summary>Kind of the workload: Deployment, StatefulSet or DaemonSet.</summary>
    [Required]
    public WorkloadKind Kind { get; init; }

    /// <summary>Name of the workload.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(253)]
    public string? Name { get; init; }
}
