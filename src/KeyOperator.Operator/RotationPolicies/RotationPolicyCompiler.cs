// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Rotation;
using KeyOperator.Operator.Rotation.Cron;

namespace KeyOperator.Operator.RotationPolicies;

/// <summary>Validates a RotationPolicy spec and turns it into an <see cref="EffectiveRotationPolicy"/>.</summary>
/// <remarks>
/// Everything the CRD schema cannot say (that a cron expression parses, a zone exists, durations relate to each
/// other) is checked here, so a bad policy is reported as Ready=False instead of failing rotations later.
/// </remarks>
internal static class RotationPolicyCompiler
{
    /// <summary>Jitter never exceeds this, whatever the schedule.</summary>
    public static readonly TimeSpan MaximumJitter = TimeSpan.FromHours(24);

    /// <summary>Validates <paramref name="spec"/>; collects every error rather than stopping at the first.</summary>
    public static RotationPolicyCompilation Compile(RotationPolicySpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new List<RotationPolicyError>();

        TimeSpan? every = null;
        CronSchedule? cron = null;
        TimeZoneInfo timeZone = TimeZoneInfo.Utc;
        RotationScheduleSpec? schedule = spec.Schedule;
        if (schedule is null && spec.MaxAge is null)
        {
            errors.Add(new("spec.schedule", RotationPolicyReasons.InvalidSchedule, "set schedule (every or cron), maxAge, or both"));
        }

        if (schedule is not null)
        {
            bool hasEvery = !string.IsNullOrEmpty(schedule.Every);
            bool hasCron = !string.IsNullOrEmpty(schedule.Cron);
            if (hasEvery == hasCron)
            {
                errors.Add(new("spec.schedule", RotationPolicyReasons.InvalidSchedule, "set exactly one of every or cron"));
            }

            if (hasEvery)
            {
                every = ParsePositive(schedule.Every, "spec.schedule.every", errors);
            }

            if (hasCron && !CronSchedule.TryParse(schedule.Cron, out cron, out string? cronError))
            {
                errors.Add(new("spec.schedule.cron", RotationPolicyReasons.InvalidSchedule, cronError));
            }

            if (!string.IsNullOrEmpty(schedule.TimeZone) && !TryFindTimeZone(schedule.TimeZone, out timeZone))
            {
                errors.Add(new("spec.schedule.timeZone", RotationPolicyReasons.InvalidTimeZone,
                    "unknown time zone \"" + schedule.TimeZone + "\"; use an IANA name such as Europe/Berlin or UTC"));
            }
        }

        TimeSpan gracePeriod = TimeSpan.Zero;
        if (spec.Strategy == RotationStrategy.Overlapping)
        {
            // The default must not make a short "every" invalid: it is capped at half the interval.
            gracePeriod = spec.GracePeriod is not null
                ? ParseNonNegative(spec.GracePeriod, "spec.gracePeriod", errors) ?? TimeSpan.Zero
                : every is { } shortInterval && shortInterval / 2 < EffectiveRotationPolicy.DefaultGracePeriod
                    ? shortInterval / 2
                    : EffectiveRotationPolicy.DefaultGracePeriod;
            if (every is { } interval && gracePeriod >= interval)
            {
                errors.Add(new("spec.gracePeriod", RotationPolicyReasons.InvalidGracePeriod,
                    "gracePeriod (" + GoDuration.Format(gracePeriod) + ") must be shorter than schedule.every (" + GoDuration.Format(interval) + ")"));
            }
        }

        TimeSpan? maxAge = spec.MaxAge is null ? null : ParsePositive(spec.MaxAge, "spec.maxAge", errors);
        TimeSpan? rotateBefore = null;
        if (spec.RotateBefore is not null)
        {
            rotateBefore = ParsePositive(spec.RotateBefore, "spec.rotateBefore", errors);
            if (spec.MaxAge is null)
            {
                errors.Add(new("spec.rotateBefore", RotationPolicyReasons.InvalidExpiry, "rotateBefore needs maxAge"));
            }
            else if (rotateBefore is { } before && maxAge is { } age && before >= age)
            {
                errors.Add(new("spec.rotateBefore", RotationPolicyReasons.InvalidExpiry, "rotateBefore must be shorter than maxAge"));
            }
        }

        TimeSpan jitter = spec.Jitter is null ? TimeSpan.Zero : ParseNonNegative(spec.Jitter, "spec.jitter", errors) ?? TimeSpan.Zero;
        TimeSpan jitterBound = every is { } period && period / 2 < MaximumJitter ? period / 2 : MaximumJitter;
        if (jitter > jitterBound)
        {
            errors.Add(new("spec.jitter", RotationPolicyReasons.InvalidJitter,
                "jitter must be at most " + GoDuration.Format(jitterBound) + " (half of schedule.every, and never more than 24h)"));
        }

        if (errors.Count > 0)
        {
            return new RotationPolicyCompilation { Errors = errors };
        }

        return new RotationPolicyCompilation
        {
            Policy = new EffectiveRotationPolicy
            {
                Strategy = spec.Strategy,
                GracePeriod = gracePeriod,
                Every = every,
                Cron = cron,
                TimeZone = timeZone,
                MaxAge = maxAge,
                RotateBefore = rotateBefore,
                Jitter = jitter,
            },
        };
    }

    private static TimeSpan? ParsePositive(string? text, string field, List<RotationPolicyError> errors)
    {
        TimeSpan? value = ParseNonNegative(text, field, errors);
        if (value == TimeSpan.Zero)
        {
            errors.Add(new(field, RotationPolicyReasons.InvalidDuration, "must be greater than zero"));
            return null;
        }

        return value;
    }

    private static TimeSpan? ParseNonNegative(string? text, string field, List<RotationPolicyError> errors)
    {
        if (!GoDuration.TryParse(text, out TimeSpan value, out string? error))
        {
            errors.Add(new(field, RotationPolicyReasons.InvalidDuration, error));
            return null;
        }

        if (value < TimeSpan.Zero)
        {
            errors.Add(new(field, RotationPolicyReasons.InvalidDuration, "must not be negative"));
            return null;
        }

        return value;
    }

    private static bool TryFindTimeZone(string id, out TimeZoneInfo timeZone)
    {
        try
        {
            timeZone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            timeZone = TimeZoneInfo.Utc;
            return false;
        }
    }
}
