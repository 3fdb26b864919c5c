// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Conditions;
using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.RotationPolicies;

/// <summary>Observed state of a RotationPolicy, written only by the operator.</summary>
internal sealed record RotationPolicyStatus
{
    /// <summary>The metadata.generation of the spec this status describes.</summary>
    public long? ObservedGeneration { get; init; }

    /// <summary>
    /// Latest observations. Ready is True when the policy is valid; when False its reason says what is wrong
    /// (InvalidSchedule, InvalidTimeZone, InvalidDuration, InvalidGracePeriod, InvalidExpiry, InvalidJitter) and
    /// the message names the field.
    /// </summary>
    [ListMap("type")]
    public IReadOnlyList<Condition>? Conditions { get; init; }
}
