// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Rotation;

namespace KeyOperator.Operator.Tests.Rotation;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("720h", 720 * 3600_000L)]
    [InlineData("30s", 30_000L)]
    [InlineData("1h30m", 5400_000L)]
    [InlineData("1.5h", 5400_000L)]
    [InlineData("250ms", 250L)]
    [InlineData("1m0.5s", 60_500L)]
    [InlineData("0", 0L)]
    [InlineData("+5m", 300_000L)]
    [InlineData("-2s", -2000L)]
    [InlineData("2h45m30s", 9930_000L)]
    public void Parse_ValidGoDuration_ReturnsValue(string text, long expectedMilliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), GoDuration.Parse(text));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("30d", "days are not a unit")]
    [InlineData("10", "missing unit")]
    [InlineData("h", "expected a number")]
    [InlineData("1x", "unknown unit")]
    [InlineData("5us", "unknown unit")]
    [InlineData("1..5h", "expected a number")]
    [InlineData("-", "no number")]
    [InlineData("99999999999999h", "out of range")]
    [InlineData("1h 30m", "unknown unit")]
    public void TryParse_Garbage_FailsWithClearMessage(string text, string expectedFragment)
    {
        bool ok = GoDuration.TryParse(text, out _, out string? error);

        Assert.False(ok);
        Assert.Contains(expectedFragment, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Garbage_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => GoDuration.Parse("soon"));
    }

    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(250L, "250ms")]
    [InlineData(1500L, "1.5s")]
    [InlineData(90_000L, "1m30s")]
    [InlineData(3600_000L, "1h0m0s")]
    [InlineData(720 * 3600_000L, "720h0m0s")]
    [InlineData(-2000L, "-2s")]
    public void Format_Duration_MatchesGoString(long milliseconds, string expected)
    {
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Theory]
    [InlineData("1h30m")]
    [InlineData("720h")]
    [InlineData("2.25s")]
    [InlineData("15ms")]
    public void Format_ThenParse_RoundTrips(string text)
    {
        TimeSpan value = GoDuration.Parse(text);

        Assert.Equal(value, GoDuration.Parse(GoDuration.Format(value)));
    }
}
