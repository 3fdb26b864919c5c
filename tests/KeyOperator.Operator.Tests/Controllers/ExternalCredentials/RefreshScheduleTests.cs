// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Controllers.ExternalCredentials;

namespace KeyOperator.Operator.Tests.Controllers.ExternalCredentials;

public sealed class RefreshScheduleTests
{
    [Fact]
    public void Jitter_ManyObjects_SpreadsWithinTenPercentDeterministically()
    {
        TimeSpan interval = TimeSpan.FromHours(1);
        TimeSpan[] jitters = [.. Enumerable.Range(0, 1000).Select(i => RefreshSchedule.Jitter("uid-" + i, interval))];

        Assert.All(jitters, j => Assert.InRange(j, TimeSpan.Zero, TimeSpan.FromMinutes(6)));
        Assert.True(jitters.Distinct().Count() > 900);
        Assert.Equal(RefreshSchedule.Jitter("uid-7", interval), RefreshSchedule.Jitter("uid-7", interval));
        Assert.InRange(jitters.Average(j => j.TotalMinutes), 2.5, 3.5);
    }

    [Fact]
    public void Next_ZeroInterval_IsNull() =>
        Assert.Null(RefreshSchedule.Next(DateTimeOffset.UnixEpoch, TimeSpan.Zero, "uid"));
}
