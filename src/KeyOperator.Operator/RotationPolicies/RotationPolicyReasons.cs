// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.RotationPolicies;

/// <summary>Condition types and reasons of a RotationPolicy, in one file so that they stay stable.</summary>
internal static class RotationPolicyReasons
{
    /// <summary>Condition type: True when the policy is valid and in use.</summary>
    public const string Ready = "Ready";

    /// <summary>Ready=True: every field parsed and is consistent.</summary>
    public const string Valid = "Valid";

    /// <summary>Neither schedule nor maxAge, both or neither of every/cron, or a cron expression that does not parse.</summary>
    public const string InvalidSchedule = "InvalidSchedule";

    /// <summary>timeZone is not a known IANA zone.</summary>
    public const string InvalidTimeZone = "InvalidTimeZone";

    /// <summary>A duration field does not parse or is not positive.</summary>
    public const string InvalidDuration = "InvalidDuration";

    /// <summary>gracePeriod is not shorter than schedule.every.</summary>
    public const string InvalidGracePeriod = "InvalidGracePeriod";

    /// <summary>rotateBefore without maxAge, or not shorter than it.</summary>
    public const string InvalidExpiry = "InvalidExpiry";

    /// <summary>jitter exceeds its bound.</summary>
    public const string InvalidJitter = "InvalidJitter";
}
