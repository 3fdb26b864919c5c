// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Cronos;

namespace KeyOperator.Operator.Rotation.Cron;

/// <summary>
/// A standard 5-field cron expression (minute hour day-of-month month day-of-week) evaluated in an IANA time zone.
/// Cronos finds the matching wall-clock times; this type keeps what Cronos does differently from our documented
/// semantics (docs/rotation.md, "cron").
/// </summary>
/// <remarks>
/// <para>What Cronos lacks, and so is kept here:</para>
/// <list type="bullet">
/// <item>The robfig/cron v3 grammar (<c>parser.go</c>), the library behind Kubernetes CronJob, with errors that name
/// the field (<see cref="CronField"/>). Cronos accepts more (<c>L</c>, <c>W</c>, <c>#</c>, <c>H</c>, reversed ranges
/// such as <c>5-1</c>, <c>?</c> in any field, <c>@every_minute</c>) and also less (steps above the field's maximum,
/// <c>*</c> inside a list), and its messages give a position, not a field. So Cronos is handed the validated value
/// sets, never the user's text.</item>
/// <item>The day rule of robfig/cron (<c>spec.go</c> <c>dayMatches</c>): when both day-of-month and day-of-week are
/// restricted a day matches if EITHER does; when one of them is an unstepped <c>*</c> (or <c>?</c>), both must.
/// Cronos always ANDs the two fields, so the OR case is two Cronos expressions, one per day field, and the earlier
/// firing wins.</item>
/// <item>Daylight saving. A wall time that does not exist (spring forward) is skipped, as robfig/cron and therefore
/// CronJob do (robfig/cron <c>doc.go</c>: "jobs scheduled during daylight-savings leap-ahead transitions will not be
/// run!"); Cronos instead fires at the end of the gap. A wall time that exists twice (fall back) fires once, at its
/// first occurrence, because rotating a key twice within one hour only churns consumers; robfig/cron fires both, and
/// Cronos fires both for "interval" expressions such as <c>*/15 * * * *</c>. So Cronos is run on the wall clock
/// (local times handled as if they were UTC) and each wall time is mapped to an instant here.</item>
/// <item>Rejecting at parse time an expression that never fires (30 February); Cronos parses it and finds no
/// occurrence.</item>
/// </list>
/// </remarks>
internal sealed class CronSchedule
{
    private static readonly Dictionary<string, int> s_monthNames = new(StringComparer.Ordinal)
    {
        ["jan"] = 1, ["feb"] = 2, ["mar"] = 3, ["apr"] = 4, ["may"] = 5, ["jun"] = 6,
        ["jul"] = 7, ["aug"] = 8, ["sep"] = 9, ["oct"] = 10, ["nov"] = 11, ["dec"] = 12,
    };

    private static readonly Dictionary<string, int> s_dayNames = new(StringComparer.Ordinal)
    {
        ["sun"] = 0, ["mon"] = 1, ["tue"] = 2, ["wed"] = 3, ["thu"] = 4, ["fri"] = 5, ["sat"] = 6,
    };

    private static readonly Dictionary<string, string> s_macros = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
        ["@monthly"] = "0 0 1 * *",
        ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@hourly"] = "0 * * * *",
    };

    // Any instant in a year whose wall clock is before every possible firing: the probe for "never fires".
    private static readonly DateTime s_probeStart = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    // One expression, or two (day-of-month, day-of-week) whose union is the robfig OR rule.
    private readonly CronExpression[] _wallClock;

    private CronSchedule(string text, CronExpression[] wallClock)
    {
        Text = text;
        _wallClock = wallClock;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>Parses an expression or throws <see cref="FormatException"/>.</summary>
    public static CronSchedule Parse(string text) =>
        TryParse(text, out CronSchedule? schedule, out string? error) ? schedule : throw new FormatException(error);

    /// <summary>Parses an expression; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out CronSchedule? schedule, [NotNullWhen(false)] out string? error)
    {
        schedule = null;
        string trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            error = "cron expression must not be empty";
            return false;
        }

        if (trimmed.StartsWith("TZ=", StringComparison.Ordinal) || trimmed.StartsWith("CRON_TZ=", StringComparison.Ordinal))
        {
            error = "cron expression must not carry a time zone; set spec.schedule.timeZone instead";
            return false;
        }

        string expanded = trimmed;
        if (trimmed[0] == '@')
        {
            if (!s_macros.TryGetValue(trimmed, out string? macro))
            {
                error = "unknown cron macro \"" + trimmed + "\" (use @yearly, @monthly, @weekly, @daily or @hourly; for fixed intervals use spec.schedule.every)";
                return false;
            }

            expanded = macro;
        }

        string[] parts = expanded.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5)
        {
            error = "cron expression \"" + trimmed + "\" must have 5 fields (minute hour day-of-month month day-of-week), found " + parts.Length;
            return false;
        }

        if (!CronField.TryParse(parts[0], "minute", 0, 59, null, false, out CronField? minute, out error)
            || !CronField.TryParse(parts[1], "hour", 0, 23, null, false, out CronField? hour, out error)
            || !CronField.TryParse(parts[2], "day-of-month", 1, 31, null, true, out CronField? dayOfMonth, out error)
            || !CronField.TryParse(parts[3], "month", 1, 12, s_monthNames, false, out CronField? month, out error)
            || !CronField.TryParse(parts[4], "day-of-week", 0, 7, s_dayNames, true, out CronField? dayOfWeek, out error))
        {
            return false;
        }

        string time = Values(minute) + " " + Values(hour) + " ";
        string months = " " + Values(month) + " ";
        CronExpression[] wallClock = dayOfMonth.IsStar || dayOfWeek.IsStar
            ? [WallClock(time + Values(dayOfMonth) + months + Values(dayOfWeek))]
            : [WallClock(time + Values(dayOfMonth) + months + "*"), WallClock(time + "*" + months + Values(dayOfWeek))];
        var candidate = new CronSchedule(trimmed, wallClock);
        if (candidate.NextWallTime(s_probeStart) is null)
        {
            error = "cron expression \"" + trimmed + "\" never fires (no selected month has the selected day)";
            return false;
        }

        schedule = candidate;
        error = null;
        return true;
    }

    /// <summary>
    /// The first firing strictly after <paramref name="after"/>, evaluated on the wall clock of
    /// <paramref name="timeZone"/>; null if there is none before the end of Cronos's calendar.
    /// </summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);

        // Wall times up to the wall clock of `after` map to instants up to `after`, because the wall-to-instant
        // mapping below (first occurrence, gaps skipped) never runs backwards. Past it, only wall times of a repeated
        // hour can still map to before `after` (when `after` is in its second pass); the loop steps over those.
        DateTime wall = TimeZoneInfo.ConvertTime(after, timeZone).DateTime;
        for (DateTime? next = NextWallTime(wall); next is { } candidate; next = NextWallTime(candidate))
        {
            if (timeZone.IsInvalidTime(candidate))
            {
                continue;
            }

            DateTimeOffset instant = FirstOccurrence(candidate, timeZone);
            if (instant > after)
            {
                return instant.ToUniversalTime();
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    // The next matching wall time strictly after `wall`, with DateTimeKind.Unspecified: a local time, not an instant.
    private DateTime? NextWallTime(DateTime wall)
    {
        DateTime asUtc = DateTime.SpecifyKind(wall, DateTimeKind.Utc);
        DateTime? earliest = null;
        foreach (CronExpression expression in _wallClock)
        {
            if (expression.GetNextOccurrence(asUtc) is { } next && (earliest is null || next < earliest))
            {
                earliest = next;
            }
        }

        return earliest is { } found ? DateTime.SpecifyKind(found, DateTimeKind.Unspecified) : null;
    }

    private static DateTimeOffset FirstOccurrence(DateTime wall, TimeZoneInfo timeZone)
    {
        TimeSpan offset = timeZone.GetUtcOffset(wall);
        if (timeZone.IsAmbiguousTime(wall))
        {
            // The larger offset is the earlier instant: daylight time, before the clocks went back.
            foreach (TimeSpan candidate in timeZone.GetAmbiguousTimeOffsets(wall))
            {
                offset = candidate > offset ? candidate : offset;
            }
        }

        return new DateTimeOffset(wall, offset);
    }

    // A field as a plain comma list of its values, which Cronos reads exactly as robfig would have meant it.
    private static string Values(CronField field) =>
        string.Join(',', Enumerable.Range(0, 64).Where(field.Matches).Select(value => value.ToString(CultureInfo.InvariantCulture)));

    private static CronExpression WallClock(string expression) => CronExpression.Parse(expression, CronFormat.Standard);
}
