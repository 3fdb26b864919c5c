// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.RotationPolicies;

namespace KeyOperator.Operator.Controllers.RotationPolicies;

/// <summary>
/// The policy an ApiKey rotates by (null: only on request), and the RotationPolicyReady condition to report.
/// <see cref="Reason"/> is null when the ApiKey references no policy, so no condition is shown.
/// </summary>
internal sealed record PolicyResolution(EffectiveRotationPolicy? Policy, string? Reason, string? Message)
{
    public static PolicyResolution None { get; } = new(null, null, null);
}
