// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;

namespace KeyOperator.Operator.Admission.Policy;

/// <summary>
/// A standard five-field cron expression (minute hour day-of-month month day-of-week) plus the @yearly, @monthly,
/// @weekly, @daily/@midnight and @hourly shorthands. Field syntax and the day-of-month/day-of-week rule follow
/// robfig/cron/v3 (parser.go getRange, spec.go dayMatches): when either day field is an unstepped "*" or "?" both
/// must match, otherwise either may. The controller's parser (Rotation/Cron/CronSchedule, on top of Cronos) decides
/// validity; this type only answers what neither that one nor Cronos can cheaply: the longest gap between two
/// consecutive runs (Cronos only enumerates occurrences, and this walks 400 years of days).
/// </summary>
internal sealed class CronCadence
{
    private const int DaysIn400Years = 146097;
    private static readonly DateOnly s_cycleStart = new(2000, 1, 1);

    private static readonly string[] s_months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] s_days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private readonly bool[] _minutes;
    private readonly bool[] _hours;
    private readonly bool[] _daysOfMonth;
    private readonly bool[] _months;
    private readonly bool[] _daysOfWeek;
    private readonly bool _anyDayStar;

    private CronCadence(bool[] minutes, bool[] hours, bool[] daysOfMonth, bool[] months, bool[] daysOfWeek, bool anyDayStar)
    {
        _minutes = minutes;
        _hours = hours;
        _daysOfMonth = daysOfMonth;
        _months = months;
        _daysOfWeek = daysOfWeek;
        _anyDayStar = anyDayStar;
    }

    public static bool TryParse(string? expression, out CronCadence? schedule, out string error)
    {
        schedule = null;
        string text = (expression ?? string.Empty).Trim();
        text = text switch
        {
            "@yearly" or "@annually" => "0 0 1 1 *",
            "@monthly" => "0 0 1 * *",
            "@weekly" => "0 0 * * 0",
            "@daily" or "@midnight" => "0 0 * * *",
            "@hourly" => "0 * * * *",
            _ => text,
        };

        string[] fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            error = $"expected 5 fields (minute hour day-of-month month day-of-week), found {fields.Length}";
            return false;
        }

        if (!TryField(fields[0], 0, 59, null, "minute", out bool[] minutes, out _, out error) ||
            !TryField(fields[1], 0, 23, null, "hour", out bool[] hours, out _, out error) ||
            !TryField(fields[2], 1, 31, null, "day-of-month", out bool[] daysOfMonth, out bool domStar, out error) ||
            !TryField(fields[3], 1, 12, s_months, "month", out bool[] months, out _, out error) ||
            !TryField(fields[4], 0, 7, s_days, "day-of-week", out bool[] daysOfWeek, out bool dowStar, out error))
        {
            return false;
        }

        // 7 is another name for Sunday.
        daysOfWeek[0] |= daysOfWeek[7];
        schedule = new CronCadence(minutes, hours, daysOfMonth, months, daysOfWeek, domStar || dowStar);
        return true;
    }

    /// <summary>
    /// The longest wall-clock gap between two consecutive runs, or null if the schedule never fires (e.g. 30 February).
    /// Walks one full 400-year Gregorian cycle, which repeats both leap years and weekdays exactly.
    /// </summary>
    public TimeSpan? MaxInterval()
    {
        int[] times = [.. Enumerable.Range(0, 24 * 60).Where(minute => _hours[minute / 60] && _minutes[minute % 60])];
        int longest = 0;
        for (int i = 1; i < times.Length; i++)
        {
            longest = Math.Max(longest, times[i] - times[i - 1]);
        }

        int firstDay = -1;
        int previousDay = -1;
        for (int day = 0; day < DaysIn400Years; day++)
        {
            if (!DayMatches(s_cycleStart.AddDays(day)))
            {
                continue;
            }

            if (previousDay >= 0)
            {
                longest = Math.Max(longest, ((day - previousDay) * 1440) - times[^1] + times[0]);
            }
            else
            {
                firstDay = day;
            }

            previousDay = day;
        }

        if (firstDay < 0)
        {
            return null;
        }

        longest = Math.Max(longest, ((firstDay + DaysIn400Years - previousDay) * 1440) - times[^1] + times[0]);
        return TimeSpan.FromMinutes(longest);
    }

    private bool DayMatches(DateOnly date)
    {
        if (!_months[date.Month])
        {
            return false;
        }

        bool dom = _daysOfMonth[date.Day];
        bool dow = _daysOfWeek[(int)date.DayOfWeek];
        return _anyDayStar ? dom && dow : dom || dow;
    }

    private static bool TryField(string field, int min, int max, string[]? names, string label, out bool[] set, out bool star, out string error)
    {
        set = new bool[max + 1];
        star = false;
        error = string.Empty;
        foreach (string item in field.Split(','))
        {
            string[] rangeAndStep = item.Split('/');
            if (rangeAndStep.Length > 2)
            {
                error = $"{label} field \"{field}\": too many slashes";
                return false;
            }

            int start;
            int end;
            int step = 1;
            bool isStar = rangeAndStep[0] is "*" or "?";
            if (isStar)
            {
                (start, end) = (min, max == 7 ? 6 : max);
            }
            else
            {
                string[] bounds = rangeAndStep[0].Split('-');
                if (bounds.Length > 2 || !TryValue(bounds[0], names, min, out start) || !TryValue(bounds[^1], names, min, out end))
                {
                    error = $"{label} field \"{field}\": \"{item}\" is not a number, name or range";
                    return false;
                }

                if (bounds.Length == 1 && rangeAndStep.Length == 2)
                {
                    end = max == 7 ? 6 : max;
                }
            }

            if (rangeAndStep.Length == 2 &&
                (!int.TryParse(rangeAndStep[1], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1))
            {
                error = $"{label} field \"{field}\": step \"{rangeAndStep[1]}\" must be a positive number";
                return false;
            }

            if (start < min || end > max || start > end)
            {
                error = $"{label} field \"{field}\": \"{item}\" is outside {min}-{max}";
                return false;
            }

            star |= isStar && step == 1;
            for (int value = start; value <= end; value += step)
            {
                set[value] = true;
            }
        }

        return true;
    }

    private static bool TryValue(string text, string[]? names, int firstNameValue, out int value)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        int index = names is null ? -1 : Array.FindIndex(names, name => name.Equals(text, StringComparison.OrdinalIgnoreCase));
        value = index + firstNameValue;
        return index >= 0;
    }
}
