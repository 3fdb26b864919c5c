// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Admission.Policy;

namespace KeyOperator.Operator.Tests.Admission.Policy;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("90s", 90)]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5h", 5400)]
    [InlineData("720h", 2592000)]
    [InlineData("+5m", 300)]
    [InlineData("-5m", -300)]
    [InlineData("1500ms", 1.5)]
    [InlineData("2h45m30.5s", 9930.5)]
    public void TryParse_GoSyntax_Parses(string text, double seconds)
    {
        Assert.True(GoDuration.TryParse(text, out TimeSpan value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("30d")]
    [InlineData("h")]
    [InlineData("1..5h")]
    [InlineData(".h")]
    [InlineData("1h 30m")]
    [InlineData("-")]
    [InlineData("99999999999999999999h")]
    public void TryParse_NotGoSyntax_Fails(string text)
    {
        Assert.False(GoDuration.TryParse(text, out _));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(59, "59s")]
    [InlineData(90, "1m30s")]
    [InlineData(8784 * 3600, "8784h0m0s")]
    public void Format_Seconds_LikeGo(long seconds, string expected)
    {
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromSeconds(seconds)));
    }
}
