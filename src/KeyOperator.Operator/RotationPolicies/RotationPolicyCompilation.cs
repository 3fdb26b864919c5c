// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Diagnostics.CodeAnalysis;

namespace KeyOperator.Operator.RotationPolicies;

/// <summary>Result of <see cref="RotationPolicyCompiler.Compile"/>: the effective policy, or why there is none.</summary>
internal sealed record RotationPolicyCompilation
{
    /// <summary>The effective policy; null when <see cref="Errors"/> is not empty.</summary>
    public EffectiveRotationPolicy? Policy { get; init; }

    /// <summary>Every problem found, in field order.</summary>
    public IReadOnlyList<RotationPolicyError> Errors { get; init; } = [];

    /// <summary>True when the spec is valid.</summary>
    [MemberNotNullWhen(true, nameof(Policy))]
    public bool IsValid => Policy is not null;
}
