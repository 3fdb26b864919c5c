// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.ApiMachinery.Tables;

namespace KeyOperator.ApiMachinery.Tests.Tables;

public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(-3, "<invalid>")]
    [InlineData(-1, "0s")]
    [InlineData(0, "0s")]
    [InlineData(16, "16s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(303, "5m3s")]
    [InlineData(600, "10m")]
    [InlineData(179 * 60, "179m")]
    [InlineData(3 * 3600 + 12 * 60, "3h12m")]
    [InlineData(5 * 3600, "5h")]
    [InlineData(47 * 3600, "47h")]
    [InlineData(2 * 86400, "2d")]
    [InlineData(3 * 86400 + 4 * 3600, "3d4h")]
    [InlineData(100 * 86400, "100d")]
    [InlineData(3 * 365 * 86400 + 10 * 86400, "3y10d")]
    [InlineData(9 * 365 * 86400, "9y")]
    public void Format_Duration_MatchesApimachinery(long seconds, string expected)
    {
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void Since_Unparsable_ReturnsUnknown()
    {
        Assert.Equal("<unknown>", HumanDuration.Since("yesterday-ish", DateTimeOffset.UnixEpoch));
        Assert.Equal("16s", HumanDuration.Since("2025-01-01T00:00:00Z", new DateTimeOffset(2025, 1, 1, 0, 0, 16, TimeSpan.Zero)));
    }
}
