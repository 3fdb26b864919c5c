// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Rotation.Cron;

namespace KeyOperator.Operator.RotationPolicies;

/// <summary>A validated RotationPolicy spec with its strings parsed and defaults applied: what the scheduler and planner use.</summary>
internal sealed record EffectiveRotationPolicy
{
    /// <summary>Default grace period of the Overlapping strategy.</summary>
    public static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromHours(1);

    /// <summary>How the old key is handed over.</summary>
    public RotationStrategy Strategy { get; init; } = RotationStrategy.Overlapping;

    /// <summary>How long the previous key stays valid after the new one was written; zero for Immediate.</summary>
    public TimeSpan GracePeriod { get; init; } = DefaultGracePeriod;

    /// <summary>Fixed rotation interval, when the schedule is one.</summary>
    public TimeSpan? Every { get; init; }

    /// <summary>Calendar schedule, when the schedule is one.</summary>
    public CronSchedule? Cron { get; init; }

    /// <summary>Zone in which <see cref="Cron"/> is evaluated.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Lifetime of each key version, when keys expire.</summary>
    public TimeSpan? MaxAge { get; init; }

    /// <summary>How long before expiry to rotate; null means a third of the key's lifetime.</summary>
    public TimeSpan? RotateBefore { get; init; }

    /// <summary>Upper bound of the per-key delay added to scheduled rotations.</summary>
    public TimeSpan Jitter { get; init; }
}
