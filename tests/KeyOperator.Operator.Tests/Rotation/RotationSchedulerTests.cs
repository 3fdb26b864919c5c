// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Rotation;
using KeyOperator.Operator.RotationPolicies;

namespace KeyOperator.Operator.Tests.Rotation;

public sealed class RotationSchedulerTests
{
    private const string Uid = "0b5c2f4e-1d7a-4c3e-9f10-6a2b8c9d0e11";
    private static readonly DateTimeOffset s_created = DateTimeOffset.Parse("2026-01-01T00:00:00Z");
    private static readonly TimeSpan s_minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void NextRotation_Every_CountsFromCreation()
    {
        EffectiveRotationPolicy policy = PolicyFactory.Create(every: "720h");

        Assert.Equal(DateTimeOffset.Parse("2026-01-31T00:00:00Z"), RotationScheduler.NextRotation(policy, s_created, null, null, Uid, s_minute));
    }

    [Fact]
    public void NextRotation_Every_CountsFromLastRotation()
    {
        EffectiveRotationPolicy policy = PolicyFactory.Create(every: "24h");
        DateTimeOffset last = DateTimeOffset.Parse("2026-02-10T08:30:00Z");

        Assert.Equal(last.AddDays(1), RotationScheduler.NextRotation(policy, s_created, last, null, Uid, s_minute));
    }

    [Fact]
    public void NextRotation_CronInTimeZone_UsesLocalWallClock()
    {
        EffectiveRotationPolicy policy = PolicyFactory.Create(cron: "0 3 * * *", timeZone: "Europe/Berlin");

        // 03:00 CET is 02:00Z in winter; 03:00 CEST is 01:00Z in summer.
        Assert.Equal(DateTimeOffset.Parse("2026-01-01T02:00:00Z"), RotationScheduler.NextRotation(policy, s_created, null, null, Uid, s_minute));
        Assert.Equal(
            DateTimeOffset.Parse("2026-07-02T01:00:00Z"),
            RotationScheduler.NextRotation(policy, s_created, DateTimeOffset.Parse("2026-07-01T12:00:00Z"), null, Uid, s_minute));
    }

    [Fact]
    public void JitterOffset_SameUid_IsDeterministic()
    {
        TimeSpan bound = TimeSpan.FromHours(6);

        Assert.Equal(RotationScheduler.JitterOffset(Uid, bound), RotationScheduler.JitterOffset(Uid, bound));
    }

    [Fact]
    public void JitterOffset_ManyUids_StayWithinBoundAndSpread()
    {
        TimeSpan bound = TimeSpan.FromHours(1);
        var offsets = Enumerable.Range(0, 500)
            .Select(i => RotationScheduler.JitterOffset(new Guid(i, 7, 7, 1, 2, 3, 4, 5, 6, 7, 8).ToString(), bound))
            .ToList();

        Assert.All(offsets, offset =>
        {
            Assert.InRange(offset, TimeSpan.Zero, bound - TimeSpan.FromSeconds(1));
            Assert.Equal(0, offset.Ticks % TimeSpan.TicksPerSecond);
        });
        Assert.True(offsets.Distinct().Count() > 400);
        Assert.True(offsets.Min() < TimeSpan.FromMinutes(5) && offsets.Max() > TimeSpan.FromMinutes(55));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-5L)]
    public void JitterOffset_NonPositiveBound_IsZero(long seconds)
    {
        Assert.Equal(TimeSpan.Zero, RotationScheduler.JitterOffset(Uid, TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void NextRotation_CronWithJitter_DelaysEachFiringWithoutDrift()
    {
        EffectiveRotationPolicy policy = PolicyFactory.Create(cron: "0 3 * * *", jitter: "2h");
        TimeSpan offset = RotationScheduler.JitterOffset(Uid, TimeSpan.FromHours(2));
        DateTimeOffset? last = null;
        for (int day = 1; day <= 5; day++)
        {
            DateTimeOffset next = RotationScheduler.NextRotation(policy, s_created, last, null, Uid, s_minute)!.Value;

            Assert.Equal(DateTimeOffset.Parse("2026-01-01T03:00:00Z").AddDays(day - 1) + offset, next);
            last = next;
        }
    }

    [Fact]
    public void NextRotation_EveryWithJitter_IsDelayedWithinBound()
    {
        EffectiveRotationPolicy policy = PolicyFactory.Create(every: "24h", jitter: "30m");
        DateTimeOffset next = RotationScheduler.NextRotation(policy, s_created, null, null, Uid, s_minute)!.Value;

        Assert.InRange(next, s_created.AddHours(24), s_created.AddHours(24).AddMinutes(30));
    }

    [Theory]
    [InlineData("2160h", null, "2026-03-02T00:00:00Z")]
    [InlineData("2160h", "240h", "2026-03-22T00:00:00Z")]
    [InlineData("1h", null, "2026-01-01T00:40:00Z")]
    public void NextRotation_MaxAgeOnly_RotatesBeforeExpiry(string maxAge, string? rotateBefore, string expected)
    {
        // Default: at two thirds of the lifetime (90 days -> day 60), as cert-manager renews.
        EffectiveRotationPolicy policy = PolicyFactory.Create(maxAge: maxAge, rotateBefore: rotateBefore);

        Assert.Equal(DateTimeOffset.Parse(expected), RotationScheduler.NextRotation(policy, s_created, null, null, Uid, s_minute));
    }

    [Fact]
    public void NextRotation_ScheduleAndExpiry_TakesTheEarlier()
    {
        EffectiveRotationPolicy scheduleFirst = PolicyFactory.Create(every: "720h", maxAge: "2160h");
        EffectiveRotationPolicy expiryFirst = PolicyFactory.Create(every: "2160h", maxAge: "720h", jitter: "1h");

        Assert.Equal(s_created.AddDays(30), RotationScheduler.NextRotation(scheduleFirst, s_created, null, null, Uid, s_minute));
        Assert.Equal(s_created.AddDays(20), RotationScheduler.NextRotation(expiryFirst, s_created, null, null, Uid, s_minute));
    }

    [Fact]
    public void NextRotation_ExplicitNotAfter_OverridesMaxAge()
    {
        EffectiveRotationPolicy policy = PolicyFactory.Create(maxAge: "2160h");

        Assert.Equal(s_created.AddDays(20), RotationScheduler.NextRotation(policy, s_created, null, s_created.AddDays(30), Uid, s_minute));
    }

    [Fact]
    public void NotAfter_MaxAge_IsCreationPlusMaxAge()
    {
        EffectiveRotationPolicy policy = PolicyFactory.Create(maxAge: "720h");

        Assert.Equal(s_created.AddDays(30), RotationScheduler.NotAfter(policy, s_created.AddMilliseconds(300)));
        Assert.Null(RotationScheduler.NotAfter(PolicyFactory.Create(every: "1h"), s_created));
    }

    [Theory]
    [InlineData(60L, "2026-01-01T00:01:00Z")]
    [InlineData(5L, "2026-01-01T00:00:05Z")]
    public void NextRotation_ScheduleShorterThanMinimumInterval_IsClamped(long minimumSeconds, string expected)
    {
        EffectiveRotationPolicy policy = PolicyFactory.Create(every: "1s", gracePeriod: "0s");

        Assert.Equal(DateTimeOffset.Parse(expected), RotationScheduler.NextRotation(policy, s_created, null, null, Uid, TimeSpan.FromSeconds(minimumSeconds)));
    }

    [Fact]
    public void NextRotation_SubSecondAnchor_IsRoundedUpToWholeSecond()
    {
        EffectiveRotationPolicy policy = PolicyFactory.Create(every: "1h");
        DateTimeOffset created = s_created.AddMilliseconds(400);

        DateTimeOffset next = RotationScheduler.NextRotation(policy, created, null, null, Uid, s_minute)!.Value;

        Assert.Equal(s_created.AddHours(1).AddSeconds(1), next);
        Assert.Equal(next, SecondPrecision.Truncate(next));
    }

    [Fact]
    public void NextRotation_NoScheduleNoExpiry_IsNull()
    {
        // Only reachable with a hand-built policy: the compiler requires a schedule or maxAge.
        Assert.Null(RotationScheduler.NextRotation(new EffectiveRotationPolicy(), s_created, null, null, Uid, s_minute));
    }

    [Fact]
    public void NextRotation_ManyFiringsMissedWhileDown_IsDueOnceAndNextCountsFromTheRotation()
    {
        EffectiveRotationPolicy policy = PolicyFactory.Create(cron: "0 * * * *");
        DateTimeOffset last = DateTimeOffset.Parse("2026-01-01T10:00:00Z");
        DateTimeOffset backUp = DateTimeOffset.Parse("2026-01-03T17:42:10Z");

        DateTimeOffset next = RotationScheduler.NextRotation(policy, s_created, last, null, Uid, s_minute)!.Value;
        DateTimeOffset afterCatchUp = RotationScheduler.NextRotation(policy, s_created, SecondPrecision.Truncate(backUp), null, Uid, s_minute)!.Value;

        Assert.True(SecondPrecision.IsDue(next, backUp));
        Assert.Equal(DateTimeOffset.Parse("2026-01-03T18:00:00Z"), afterCatchUp);
        Assert.False(SecondPrecision.IsDue(afterCatchUp, backUp));
    }

    [Fact]
    public void IsDue_CheckAFewMillisecondsBeforeStoredSecond_IsDue()
    {
        // cert-manager's lost renewal: the renewal time is stored at whole seconds, the requeue timer fires a few ms
        // early, a strict comparison says "not due", and nothing is scheduled again.
        DateTimeOffset stored = DateTimeOffset.Parse("2026-01-31T00:00:00Z");

        Assert.True(SecondPrecision.IsDue(stored, stored.AddMilliseconds(-3)));
        Assert.False(SecondPrecision.IsDue(stored, stored.AddSeconds(-2)));
    }
}
