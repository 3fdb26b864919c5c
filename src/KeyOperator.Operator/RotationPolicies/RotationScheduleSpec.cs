// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.ComponentModel;
using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.RotationPolicies;

/// <summary>When rotations happen: set exactly one of every or cron.</summary>
[MutuallyExclusive("every", "cron")]
internal sealed record RotationScheduleSpec
{
    /// <summary>
    /// Fixed interval after the last rotation (or after the key was created), as a duration such as 720h (30 days),
    /// 24h or 1h30m. Units: h, m, s, ms; there is no day unit.
    /// </summary>
    [Pattern(RotationPolicySpec.DurationPattern)]
    public string? Every { get; init; }

    /// <summary>
    /// Standard 5-field cron expression (minute hour day-of-month month day-of-week), such as "0 3 * * 1" for 03:00
    /// every Monday, or @daily, @weekly, @monthly, @yearly, @hourly. Names JAN-DEC and SUN-SAT are accepted; 7 is also
    /// Sunday. When both day fields are restricted a day matches if either does. Evaluated in timeZone; a time skipped
    /// by a daylight-saving change does not fire, a time repeated by one fires once.
    /// </summary>
    [MaxLength(256)]
    public string? Cron { get; init; }

    /// <summary>IANA time zone in which cron is evaluated, such as Europe/Berlin. Defaults to UTC.</summary>
    [DefaultValue("UTC")]
    [MaxLength(64)]
    public string? TimeZone { get; init; }
}
