// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Diagnostics.CodeAnalysis;

namespace KeyOperator.Operator.Rotation.Cron;

/// <summary>
/// A standard 5-field cron expression (minute hour day-of-month month day-of-week) evaluated in an IANA time zone.
/// </summary>
/// <remarks>
/// <para>Field grammar and the day rule follow robfig/cron v3 (<c>parser.go</c>, <c>spec.go</c> <c>dayMatches</c>),
/// the library behind Kubernetes CronJob: when both day-of-month and day-of-week are restricted a day matches if
/// EITHER does; when one of them is an unstepped <c>*</c> (or <c>?</c>), both must match.</para>
/// <para>Daylight saving: we work on wall-clock times and map each to an instant. A wall time that does not exist
/// (spring forward) is skipped, as robfig/cron and therefore CronJob do (robfig/cron <c>doc.go</c>: "jobs scheduled
/// during daylight-savings leap-ahead transitions will not be run!"). A wall time that exists twice (fall back)
/// fires once, at its first occurrence; here we deliberately differ from robfig/cron, which fires both, because
/// rotating a key twice within one hour only churns consumers.</para>
/// </remarks>
internal sealed class CronSchedule
{
    // Long enough to find Feb 29 across a skipped leap year (2096 to 2104), short enough to stay cheap.
    private const int SearchHorizonDays = 366 * 9;

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

    private static readonly int[] s_maxDaysInMonth = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

    private readonly CronField _minute;
    private readonly CronField _hour;
    private readonly CronField _dayOfMonth;
    private readonly CronField _month;
    private readonly CronField _dayOfWeek;

    private CronSchedule(string text, CronField minute, CronField hour, CronField dayOfMonth, CronField month, CronField dayOfWeek)
    {
        Text = text;
        _minute = minute;
        _hour = hour;
        _dayOfMonth = dayOfMonth;
        _month = month;
        _dayOfWeek = dayOfWeek;
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

        var candidate = new CronSchedule(trimmed, minute, hour, dayOfMonth, month, dayOfWeek);
        if (!candidate.CanEverFire())
        {
            error = "cron expression \"" + trimmed + "\" never fires (no selected month has the selected day)";
            return false;
        }

        schedule = candidate;
        return true;
    }

    /// <summary>
    /// The first firing strictly after <paramref name="after"/>, evaluated on the wall clock of
    /// <paramref name="timeZone"/>; null if none within about nine years.
    /// </summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);

        // Wall times before the local date of `after` map to instants before `after`, because the wall-to-instant
        // mapping below (first occurrence, gaps skipped) never runs backwards.
        DateTime startDate = TimeZoneInfo.ConvertTime(after, timeZone).DateTime.Date;
        for (int dayIndex = 0; dayIndex < SearchHorizonDays; dayIndex++)
        {
            DateTime date = startDate.AddDays(dayIndex);
            if (!_month.Matches(date.Month) || !DayMatches(date))
            {
                continue;
            }

            for (int hour = 0; hour < 24; hour++)
            {
                if (!_hour.Matches(hour))
                {
                    continue;
                }

                for (int minute = 0; minute < 60; minute++)
                {
                    if (!_minute.Matches(minute))
                    {
                        continue;
                    }

                    DateTime wall = date.AddHours(hour).AddMinutes(minute);
                    if (timeZone.IsInvalidTime(wall))
                    {
                        continue;
                    }

                    DateTimeOffset instant = FirstOccurrence(wall, timeZone);
                    if (instant > after)
                    {
                        return instant.ToUniversalTime();
                    }
                }
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => Text;

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

    private bool DayMatches(DateTime date)
    {
        bool dayOfMonth = _dayOfMonth.Matches(date.Day);
        int weekday = (int)date.DayOfWeek;
        bool dayOfWeek = _dayOfWeek.Matches(weekday) || (weekday == 0 && _dayOfWeek.Matches(7));
        return _dayOfMonth.IsStar || _dayOfWeek.IsStar ? dayOfMonth && dayOfWeek : dayOfMonth || dayOfWeek;
    }

    private bool CanEverFire()
    {
        if (!_dayOfMonth.IsStar && !_dayOfWeek.IsStar)
        {
            return true;
        }

        for (int month = 1; month <= 12; month++)
        {
            for (int day = 1; day <= s_maxDaysInMonth[month]; day++)
            {
                if (_month.Matches(month) && _dayOfMonth.Matches(day))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
