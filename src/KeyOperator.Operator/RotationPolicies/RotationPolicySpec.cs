// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.ComponentModel;
using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.RotationPolicies;

/// <summary>
/// Desired rotation behaviour. Set a schedule, a maxAge, or both; with both, a key is rotated at whichever comes
/// first.
/// </summary>
internal sealed record RotationPolicySpec
{
    /// <summary>Go-style duration: numbers with units h, m, s or ms, such as 720h, 1h30m or 90s.</summary>
    internal const string DurationPattern = @"^(0|([0-9]+(\.[0-9]+)?(h|ms|m|s))+)$";

    /// <summary>When keys are rotated: every (fixed interval) or cron (calendar schedule in a time zone).</summary>
    public RotationScheduleSpec? Schedule { get; init; }

    /// <summary>
    /// Overlapping (default) keeps the previous key valid for gracePeriod after the new one is written, so clients
    /// move over without an outage; Immediate drops the previous key as soon as the new one is in place.
    /// </summary>
    [DefaultValue(RotationStrategy.Overlapping)]
    public RotationStrategy Strategy { get; init; } = RotationStrategy.Overlapping;

    /// <summary>
    /// Overlapping only: how long the previous key stays valid after the new one was written, such as 1h or 24h.
    /// Must be long enough for Secret volume updates (about a minute) and restarts of consuming workloads, and shorter
    /// than schedule.every. Defaults to 1h (half of schedule.every when that is shorter than 2h). Ignored with Immediate.
    /// </summary>
    [Pattern(DurationPattern)]
    public string? GracePeriod { get; init; }

    /// <summary>
    /// Lifetime of each key version, such as 2160h (90 days). A key then carries an expiry (notAfter = creation time +
    /// maxAge) and is rotated rotateBefore ahead of it, even if the schedule would rotate it later.
    /// </summary>
    [Pattern(DurationPattern)]
    public string? MaxAge { get; init; }

    /// <summary>
    /// With maxAge: how long before the expiry to rotate. Defaults to a third of maxAge, i.e. a key is rotated when
    /// two thirds of its lifetime have passed. Must be shorter than maxAge.
    /// </summary>
    [Pattern(DurationPattern)]
    public string? RotateBefore { get; init; }

    /// <summary>
    /// Upper bound of a delay added to each scheduled rotation, so that many keys on one schedule do not rotate in
    /// the same second. The delay of a key is fixed (derived from its uid), between 0 and this bound. At most half of
    /// schedule.every and at most 24h. Defaults to 0 (no jitter). Expiry-driven rotations are never delayed.
    /// </summary>
    [Pattern(DurationPattern)]
    public string? Jitter { get; init; }
}
