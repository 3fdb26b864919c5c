// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Admission.Policy;

namespace KeyOperator.Operator.Tests.Admission.Policy;

public sealed class CronCadenceTests
{
    [Theory]
    [InlineData("* * * * *", 1)]
    [InlineData("*/15 * * * *", 15)]
    [InlineData("0 * * * *", 60)]
    [InlineData("@hourly", 60)]
    [InlineData("0 3 * * *", 1440)]
    [InlineData("30 2 * * 1-5", 3 * 1440)]
    [InlineData("0 0 * * SUN", 7 * 1440)]
    [InlineData("0 0 * * 7", 7 * 1440)]
    [InlineData("0 0 1 * *", 31 * 1440)]
    [InlineData("0 0 1 */3 *", 92 * 1440)]
    [InlineData("0 0 29 2 *", 2921 * 1440)]
    [InlineData("0 0 1,15 * MON", 7 * 1440)]
    [InlineData("0 0 13 * FRI", 7 * 1440)]
    [InlineData("0 0,12 1 JAN-DEC/6 ?", 184 * 1440 - 720)]
    public void MaxInterval_Expression_LongestGapInMinutes(string expression, int minutes)
    {
        Assert.True(CronCadence.TryParse(expression, out CronCadence? schedule, out string error), error);

        Assert.Equal(TimeSpan.FromMinutes(minutes), schedule!.MaxInterval());
    }

    [Fact]
    public void MaxInterval_ImpossibleDate_Null()
    {
        Assert.True(CronCadence.TryParse("0 0 31 4 *", out CronCadence? schedule, out _));

        Assert.Null(schedule!.MaxInterval());
    }

    [Theory]
    [InlineData("", "expected 5 fields (minute hour day-of-month month day-of-week), found 0")]
    [InlineData("0 0 * * * *", "expected 5 fields (minute hour day-of-month month day-of-week), found 6")]
    [InlineData("0 24 * * *", "hour field \"24\": \"24\" is outside 0-23")]
    [InlineData("0 0 0 * *", "day-of-month field \"0\": \"0\" is outside 1-31")]
    [InlineData("0 0 * FOO *", "month field \"FOO\": \"FOO\" is not a number, name or range")]
    [InlineData("*/0 * * * *", "minute field \"*/0\": step \"0\" must be a positive number")]
    [InlineData("5-1 * * * *", "minute field \"5-1\": \"5-1\" is outside 0-59")]
    [InlineData("1/2/3 * * * *", "minute field \"1/2/3\": too many slashes")]
    [InlineData("@every 1h", "expected 5 fields (minute hour day-of-month month day-of-week), found 2")]
    public void TryParse_Invalid_ExplainsWhich(string expression, string expected)
    {
        Assert.False(CronCadence.TryParse(expression, out _, out string error));
        Assert.Equal(expected, error);
    }
}
