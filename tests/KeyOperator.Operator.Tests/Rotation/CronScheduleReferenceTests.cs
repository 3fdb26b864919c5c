// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Rotation.Cron;

namespace KeyOperator.Operator.Tests.Rotation;

/// <summary>
/// Compares <see cref="CronSchedule.NextAfter"/> with a brute-force reference that walks real time minute by minute
/// and looks at the wall clock, around every DST change of 2026 in several zones.
/// </summary>
public sealed class CronScheduleReferenceTests
{
    private static readonly Dictionary<string, Func<DateTime, bool>> s_expressions = new()
    {
        ["*/15 * * * *"] = w => w.Minute % 15 == 0,
        ["30 2 * * *"] = w => w.Hour == 2 && w.Minute == 30,
        ["0 1-3 * * SUN"] = w => w.Minute == 0 && w.Hour is >= 1 and <= 3 && w.DayOfWeek == DayOfWeek.Sunday,
        ["45 1,2 15 * TUE"] = w => w.Minute == 45 && w.Hour is 1 or 2 && (w.Day == 15 || w.DayOfWeek == DayOfWeek.Tuesday),
        ["0,30 * * * *"] = w => w.Minute is 0 or 30,
        ["15 2 * * *"] = w => w.Hour == 2 && w.Minute == 15,
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (string zone in new[] { "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "UTC" })
        {
            foreach (string expression in s_expressions.Keys)
            {
                data.Add(zone, expression);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void NextAfter_AroundEveryTransition_MatchesMinuteByMinuteReference(string zone, string expression)
    {
        TimeZoneInfo timeZone = TimeZoneInfo.FindSystemTimeZoneById(zone);
        CronSchedule schedule = CronSchedule.Parse(expression);
        Func<DateTime, bool> matches = s_expressions[expression];

        foreach (DateTimeOffset transition in Transitions(timeZone, 2026))
        {
            // Walk the firings from a day before to a day after the change.
            DateTimeOffset cursor = transition.AddDays(-1).AddSeconds(17);
            while (cursor < transition.AddDays(1))
            {
                DateTimeOffset expected = Reference(cursor, timeZone, matches);
                DateTimeOffset? actual = schedule.NextAfter(cursor, timeZone);

                Assert.True(expected == actual, $"{zone} '{expression}' after {cursor:O}: expected {expected:O}, got {actual:O}");
                cursor = expected;
            }
        }
    }

    private static DateTimeOffset Reference(DateTimeOffset after, TimeZoneInfo timeZone, Func<DateTime, bool> matches)
    {
        var minute = new DateTimeOffset(after.UtcTicks - (after.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddMinutes(1);
        for (int i = 0; i < 60 * 24 * 40; i++, minute = minute.AddMinutes(1))
        {
            DateTime wall = TimeZoneInfo.ConvertTime(minute, timeZone).DateTime;
            if (!matches(wall))
            {
                continue;
            }

            // A repeated wall time counts only on its first pass (the daylight offset, the larger one).
            if (timeZone.IsAmbiguousTime(wall) && timeZone.GetUtcOffset(minute) != timeZone.GetAmbiguousTimeOffsets(wall).Max())
            {
                continue;
            }

            return minute;
        }

        throw new InvalidOperationException("no firing within 40 days");
    }

    private static IEnumerable<DateTimeOffset> Transitions(TimeZoneInfo timeZone, int year)
    {
        var hour = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
        TimeSpan offset = timeZone.GetUtcOffset(hour);
        bool any = false;
        for (; hour.Year == year; hour = hour.AddMinutes(30))
        {
            TimeSpan next = timeZone.GetUtcOffset(hour);
            if (next != offset)
            {
                any = true;
                offset = next;
                yield return hour;
            }
        }

        if (!any)
        {
            yield return new DateTimeOffset(year, 3, 29, 1, 0, 0, TimeSpan.Zero);
        }
    }
}
