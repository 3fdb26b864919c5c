// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Rotation.Cron;

namespace KeyOperator.Operator.Tests.Rotation;

public sealed class CronScheduleTests
{
    private static readonly TimeZoneInfo s_utc = TimeZoneInfo.Utc;

    [Theory]
    [InlineData("*/5 * * * *", "2026-01-01T10:02:00Z", "2026-01-01T10:05:00Z")]
    [InlineData("0 3 * * MON", "2026-01-01T00:00:00Z", "2026-01-05T03:00:00Z")]
    [InlineData("0 3 * * 7", "2026-01-01T00:00:00Z", "2026-01-04T03:00:00Z")]
    [InlineData("0 3 * * SUN", "2026-01-01T00:00:00Z", "2026-01-04T03:00:00Z")]
    [InlineData("0 0 1 JAN-MAR/2 *", "2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z")]
    [InlineData("15,45 9-10 * * *", "2026-01-01T09:20:00Z", "2026-01-01T09:45:00Z")]
    [InlineData("5/20 * * * *", "2026-01-01T09:46:00Z", "2026-01-01T10:05:00Z")]
    [InlineData("@hourly", "2026-01-01T09:00:00Z", "2026-01-01T10:00:00Z")]
    [InlineData("@daily", "2026-01-01T09:00:00Z", "2026-01-02T00:00:00Z")]
    [InlineData("@weekly", "2026-01-01T09:00:00Z", "2026-01-04T00:00:00Z")]
    [InlineData("@monthly", "2026-01-01T09:00:00Z", "2026-02-01T00:00:00Z")]
    [InlineData("@yearly", "2026-01-01T09:00:00Z", "2027-01-01T00:00:00Z")]
    [InlineData("0 0 29 2 *", "2026-01-01T00:00:00Z", "2028-02-29T00:00:00Z")]
    public void NextAfter_Utc_ReturnsNextFiring(string expression, string after, string expected)
    {
        CronSchedule schedule = CronSchedule.Parse(expression);

        Assert.Equal(DateTimeOffset.Parse(expected), schedule.NextAfter(DateTimeOffset.Parse(after), s_utc));
    }

    [Fact]
    public void NextAfter_ExactlyOnFiring_ReturnsTheFollowingOne()
    {
        CronSchedule schedule = CronSchedule.Parse("0 * * * *");

        Assert.Equal(DateTimeOffset.Parse("2026-01-01T11:00:00Z"), schedule.NextAfter(DateTimeOffset.Parse("2026-01-01T10:00:00Z"), s_utc));
    }

    [Fact]
    public void NextAfter_BothDayFieldsRestricted_FiresOnEither()
    {
        // 2026-01-06 is a Tuesday and the 15th a Thursday: with OR semantics (as CronJob) both fire.
        CronSchedule schedule = CronSchedule.Parse("0 0 15 * TUE");
        DateTimeOffset? first = schedule.NextAfter(DateTimeOffset.Parse("2026-01-01T00:00:00Z"), s_utc);
        DateTimeOffset? second = schedule.NextAfter(DateTimeOffset.Parse("2026-01-13T00:00:00Z"), s_utc);

        Assert.Equal(DateTimeOffset.Parse("2026-01-06T00:00:00Z"), first);
        Assert.Equal(DateTimeOffset.Parse("2026-01-15T00:00:00Z"), second);
    }

    [Fact]
    public void NextAfter_DayOfMonthStarWithStepOne_RequiresBoth()
    {
        CronSchedule schedule = CronSchedule.Parse("0 0 * * FRI");

        Assert.Equal(DateTimeOffset.Parse("2026-01-02T00:00:00Z"), schedule.NextAfter(DateTimeOffset.Parse("2026-01-01T00:00:00Z"), s_utc));
    }

    [Fact]
    public void NextAfter_SteppedStarDayOfMonth_CountsAsRestrictedLikeRobfig()
    {
        // "*/10" (1,11,21,31) is a restriction in robfig/cron v3, so OR with Friday applies: Jan 2 is a Friday.
        CronSchedule schedule = CronSchedule.Parse("0 0 */10 * FRI");

        Assert.Equal(DateTimeOffset.Parse("2026-01-02T00:00:00Z"), schedule.NextAfter(DateTimeOffset.Parse("2026-01-01T00:00:00Z"), s_utc));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("* * * *", "5 fields")]
    [InlineData("60 * * * *", "minute")]
    [InlineData("* 24 * * *", "hour")]
    [InlineData("* * 0 * *", "day-of-month")]
    [InlineData("* * * 13 *", "month")]
    [InlineData("* * * * 8", "day-of-week")]
    [InlineData("*/0 * * * *", "step")]
    [InlineData("5-1 * * * *", "backwards")]
    [InlineData("* * * FOO *", "month")]
    [InlineData("@every 5m", "unknown cron macro")]
    [InlineData("CRON_TZ=UTC 0 0 * * *", "timeZone")]
    [InlineData("0 0 30 2 *", "never fires")]
    [InlineData("0 0 31 4,6,9,11 *", "never fires")]
    public void TryParse_Invalid_FailsWithMessage(string expression, string fragment)
    {
        Assert.False(CronSchedule.TryParse(expression, out _, out string? error));
        Assert.Contains(fragment, error, StringComparison.Ordinal);
    }

    [Theory]
    // Cronos reads these (its L, W, #, H, '?' anywhere, wrapping ranges, its own macros, seconds) but they are not
    // the robfig/cron grammar that CronJob uses, so they are denied, naming the field.
    [InlineData("0 0 L * *", "day-of-month: \"L\" is not a number")]
    [InlineData("0 0 15W * *", "day-of-month: \"15W\" is not a number")]
    [InlineData("0 0 * * 5L", "day-of-week: \"5L\" is not a number or name")]
    [InlineData("0 0 * * FRI#2", "day-of-week: \"FRI#2\" is not a number or name")]
    [InlineData("H 0 * * *", "minute: \"H\" is not a number")]
    [InlineData("? 0 * * *", "minute: \"?\" is not a number")]
    [InlineData("0 22-2 * * *", "hour: \"22-2\" is outside 0-23 or runs backwards")]
    [InlineData("@every_minute", "unknown cron macro \"@every_minute\"")]
    [InlineData("@every_second", "unknown cron macro \"@every_second\"")]
    [InlineData("0 0 0 * * *", "must have 5 fields (minute hour day-of-month month day-of-week), found 6")]
    public void TryParse_CronosOnlySyntax_FailsNamingTheField(string expression, string fragment)
    {
        Assert.False(CronSchedule.TryParse(expression, out _, out string? error));
        Assert.Contains(fragment, error, StringComparison.Ordinal);
    }

    [Theory]
    // robfig/cron reads these and Cronos's parser does not (a step above the field's maximum, three digits, '*' in a
    // list); they keep working because Cronos is handed value lists, not the text.
    [InlineData("*/60 * * * *", "2026-01-01T10:02:00Z", "2026-01-01T11:00:00Z")]
    [InlineData("005 * * * *", "2026-01-01T10:02:00Z", "2026-01-01T10:05:00Z")]
    [InlineData("*,30 10 * * *", "2026-01-01T10:02:00Z", "2026-01-01T10:03:00Z")]
    // An unstepped '*' inside a day-of-month list still makes both day fields required (robfig starBit): Jan 9 is
    // the next Friday; with OR it would be Jan 3.
    [InlineData("0 0 *,5 * FRI", "2026-01-02T00:00:00Z", "2026-01-09T00:00:00Z")]
    [InlineData("0 0 */1 * FRI", "2026-01-02T00:00:00Z", "2026-01-09T00:00:00Z")]
    [InlineData("0 0 1-31 * FRI", "2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z")]
    public void NextAfter_RobfigSyntaxCronosRejects_StillFires(string expression, string after, string expected)
    {
        CronSchedule schedule = CronSchedule.Parse(expression);

        Assert.Equal(DateTimeOffset.Parse(expected), schedule.NextAfter(DateTimeOffset.Parse(after), s_utc));
    }

    [Theory]
    // Europe/Berlin, 2026-03-29: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist that day and is skipped.
    [InlineData("Europe/Berlin", "30 2 * * *", "2026-03-28T12:00:00Z", "2026-03-30T00:30:00Z")]
    // Europe/Berlin, 2026-10-25: 03:00 CEST falls back to 02:00 CET; 02:30 exists twice and fires at the first.
    [InlineData("Europe/Berlin", "30 2 * * *", "2026-10-24T12:00:00Z", "2026-10-25T00:30:00Z")]
    [InlineData("Europe/Berlin", "30 2 * * *", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z")]
    [InlineData("Europe/Berlin", "0 9 * * *", "2026-03-28T12:00:00Z", "2026-03-29T07:00:00Z")]
    // America/New_York, 2026-03-08: 02:00 EST jumps to 03:00 EDT.
    [InlineData("America/New_York", "30 2 * * *", "2026-03-07T12:00:00Z", "2026-03-09T06:30:00Z")]
    [InlineData("America/New_York", "0 * * * *", "2026-03-08T06:30:00Z", "2026-03-08T07:00:00Z")]
    // America/New_York, 2026-11-01: 02:00 EDT falls back to 01:00 EST; 01:30 fires once (EDT), the next day EST.
    [InlineData("America/New_York", "30 1 * * *", "2026-10-31T12:00:00Z", "2026-11-01T05:30:00Z")]
    [InlineData("America/New_York", "30 1 * * *", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z")]
    [InlineData("America/New_York", "0 * * * *", "2026-11-01T05:00:00Z", "2026-11-01T07:00:00Z")]
    // Australia/Lord_Howe has a 30-minute DST: 2026-04-05 02:00 (+11) falls back to 01:30 (+10:30) ...
    [InlineData("Australia/Lord_Howe", "45 1 * * *", "2026-04-04T00:00:00Z", "2026-04-04T14:45:00Z")]
    [InlineData("Australia/Lord_Howe", "45 1 * * *", "2026-04-04T14:45:00Z", "2026-04-05T15:15:00Z")]
    // ... and 2026-10-04 02:00 (+10:30) jumps to 02:30 (+11): 02:15 is skipped.
    [InlineData("Australia/Lord_Howe", "15 2 * * *", "2026-10-03T00:00:00Z", "2026-10-04T15:15:00Z")]
    [InlineData("Australia/Lord_Howe", "45 2 * * *", "2026-10-03T00:00:00Z", "2026-10-03T15:45:00Z")]
    public void NextAfter_AcrossDaylightSaving_SkipsGapsAndFiresFoldsOnce(string zone, string expression, string after, string expected)
    {
        TimeZoneInfo timeZone = TimeZoneInfo.FindSystemTimeZoneById(zone);
        CronSchedule schedule = CronSchedule.Parse(expression);

        Assert.Equal(DateTimeOffset.Parse(expected), schedule.NextAfter(DateTimeOffset.Parse(after), timeZone));
    }

    [Fact]
    public void NextAfter_EveryQuarterHourThroughFallBack_FiresEachWallTimeOnce()
    {
        TimeZoneInfo berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        CronSchedule schedule = CronSchedule.Parse("*/15 * * * *");
        var firings = new List<DateTimeOffset>();
        DateTimeOffset cursor = DateTimeOffset.Parse("2026-10-24T23:50:00Z");
        while (cursor < DateTimeOffset.Parse("2026-10-25T02:10:00Z"))
        {
            cursor = schedule.NextAfter(cursor, berlin)!.Value;
            firings.Add(cursor);
        }

        // 02:00..02:45 CEST (00:00Z..00:45Z); the repeated 02:00..02:45 CET is not fired again; then 03:00 CET.
        Assert.Equal(DateTimeOffset.Parse("2026-10-25T00:00:00Z"), firings[0]);
        Assert.Equal(DateTimeOffset.Parse("2026-10-25T00:45:00Z"), firings[3]);
        Assert.Equal(DateTimeOffset.Parse("2026-10-25T02:00:00Z"), firings[4]);
        Assert.Equal(firings.Count, firings.Distinct().Count());
    }
}
