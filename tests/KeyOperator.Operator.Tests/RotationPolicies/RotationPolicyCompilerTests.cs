// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Conditions;
using KeyOperator.Operator.RotationPolicies;

namespace KeyOperator.Operator.Tests.RotationPolicies;

public sealed class RotationPolicyCompilerTests
{
    [Fact]
    public void Compile_EveryWithDefaults_IsOverlappingWithOneHourGrace()
    {
        RotationPolicyCompilation result = RotationPolicyCompiler.Compile(new RotationPolicySpec { Schedule = new() { Every = "720h" } });

        Assert.True(result.IsValid);
        Assert.Equal(RotationStrategy.Overlapping, result.Policy.Strategy);
        Assert.Equal(TimeSpan.FromHours(1), result.Policy.GracePeriod);
        Assert.Equal(TimeSpan.FromHours(720), result.Policy.Every);
        Assert.Equal(TimeZoneInfo.Utc, result.Policy.TimeZone);
        Assert.Equal(TimeSpan.Zero, result.Policy.Jitter);
    }

    [Fact]
    public void Compile_CronWithZone_ResolvesZone()
    {
        RotationPolicyCompilation result = RotationPolicyCompiler.Compile(new RotationPolicySpec
        {
            Schedule = new() { Cron = "0 3 * * MON", TimeZone = "America/New_York" },
            Strategy = RotationStrategy.Immediate,
            GracePeriod = "5h",
        });

        Assert.True(result.IsValid);
        Assert.Equal("America/New_York", result.Policy.TimeZone.Id);
        Assert.Equal(TimeSpan.Zero, result.Policy.GracePeriod);
        Assert.NotNull(result.Policy.Cron);
    }

    private static readonly Dictionary<string, RotationPolicySpec> s_invalid = new()
    {
        ["NothingSet"] = new RotationPolicySpec(),
        ["EmptySchedule"] = new RotationPolicySpec { Schedule = new() },
        ["EveryAndCron"] = new RotationPolicySpec { Schedule = new() { Every = "1h", Cron = "@daily" } },
        ["DayUnit"] = new RotationPolicySpec { Schedule = new() { Every = "30d" } },
        ["ZeroEvery"] = new RotationPolicySpec { Schedule = new() { Every = "0" } },
        ["NegativeEvery"] = new RotationPolicySpec { Schedule = new() { Every = "-1h" } },
        ["BadCron"] = new RotationPolicySpec { Schedule = new() { Cron = "61 * * * *" } },
        ["UnknownZone"] = new RotationPolicySpec { Schedule = new() { Cron = "@daily", TimeZone = "Mars/Olympus" } },
        ["GraceNotShorter"] = new RotationPolicySpec { Schedule = new() { Every = "1h" }, GracePeriod = "1h" },
        ["GraceGarbage"] = new RotationPolicySpec { Schedule = new() { Every = "24h" }, GracePeriod = "soon" },
        ["RotateBeforeWithoutMaxAge"] = new RotationPolicySpec { Schedule = new() { Every = "24h" }, RotateBefore = "1h" },
        ["RotateBeforeNotShorter"] = new RotationPolicySpec { MaxAge = "24h", RotateBefore = "24h" },
        ["JitterOverHalfEvery"] = new RotationPolicySpec { Schedule = new() { Every = "24h" }, Jitter = "13h" },
        ["JitterOver24h"] = new RotationPolicySpec { Schedule = new() { Cron = "@weekly" }, Jitter = "25h" },
    };

    public static TheoryData<string, string, string> InvalidSpecs => new()
    {
        { "NothingSet", "spec.schedule", RotationPolicyReasons.InvalidSchedule },
        { "EmptySchedule", "spec.schedule", RotationPolicyReasons.InvalidSchedule },
        { "EveryAndCron", "spec.schedule", RotationPolicyReasons.InvalidSchedule },
        { "DayUnit", "spec.schedule.every", RotationPolicyReasons.InvalidDuration },
        { "ZeroEvery", "spec.schedule.every", RotationPolicyReasons.InvalidDuration },
        { "NegativeEvery", "spec.schedule.every", RotationPolicyReasons.InvalidDuration },
        { "BadCron", "spec.schedule.cron", RotationPolicyReasons.InvalidSchedule },
        { "UnknownZone", "spec.schedule.timeZone", RotationPolicyReasons.InvalidTimeZone },
        { "GraceNotShorter", "spec.gracePeriod", RotationPolicyReasons.InvalidGracePeriod },
        { "GraceGarbage", "spec.gracePeriod", RotationPolicyReasons.InvalidDuration },
        { "RotateBeforeWithoutMaxAge", "spec.rotateBefore", RotationPolicyReasons.InvalidExpiry },
        { "RotateBeforeNotShorter", "spec.rotateBefore", RotationPolicyReasons.InvalidExpiry },
        { "JitterOverHalfEvery", "spec.jitter", RotationPolicyReasons.InvalidJitter },
        { "JitterOver24h", "spec.jitter", RotationPolicyReasons.InvalidJitter },
    };

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public void Compile_InvalidSpec_ReportsFieldAndReason(string name, string field, string reason)
    {
        RotationPolicyCompilation result = RotationPolicyCompiler.Compile(s_invalid[name]);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Field == field && e.Reason == reason);
    }

    [Fact]
    public void Compile_SeveralProblems_ReportsAll()
    {
        RotationPolicyCompilation result = RotationPolicyCompiler.Compile(new RotationPolicySpec
        {
            Schedule = new() { Cron = "bad", TimeZone = "Nowhere/Land" },
            Jitter = "x",
        });

        Assert.Equal(3, result.Errors.Count);
    }

    [Fact]
    public void Build_ValidThenInvalid_FlipsReadyAndMovesTransitionTime()
    {
        DateTimeOffset t0 = DateTimeOffset.Parse("2026-01-01T00:00:00.700Z");
        RotationPolicyCompilation valid = RotationPolicyCompiler.Compile(new RotationPolicySpec { Schedule = new() { Every = "24h" } });
        RotationPolicyCompilation invalid = RotationPolicyCompiler.Compile(new RotationPolicySpec { Schedule = new() { Every = "24d" } });

        RotationPolicyStatus first = RotationPolicyStatusBuilder.Build(valid, 1, null, t0);
        RotationPolicyStatus same = RotationPolicyStatusBuilder.Build(valid, 1, first, t0.AddHours(1));
        RotationPolicyStatus broken = RotationPolicyStatusBuilder.Build(invalid, 2, same, t0.AddHours(2));

        Condition ready = Assert.Single(first.Conditions!);
        Assert.Equal(("True", RotationPolicyReasons.Valid), (ready.Status, ready.Reason));
        Assert.Equal(DateTimeOffset.Parse("2026-01-01T00:00:00Z"), ready.LastTransitionTime);
        Assert.Equal(ready.LastTransitionTime, Assert.Single(same.Conditions!).LastTransitionTime);
        Condition failed = Assert.Single(broken.Conditions!);
        Assert.Equal(("False", RotationPolicyReasons.InvalidDuration, 2L), (failed.Status, failed.Reason, failed.ObservedGeneration));
        Assert.Contains("spec.schedule.every", failed.Message, StringComparison.Ordinal);
        Assert.Equal(DateTimeOffset.Parse("2026-01-01T02:00:00Z"), failed.LastTransitionTime);
        Assert.Equal(2L, broken.ObservedGeneration);
    }

    [Theory]
    [InlineData("61 * * * *", "spec.schedule.cron: minute: \"61\" is outside 0-59 or runs backwards")]
    [InlineData("0 0 L * *", "spec.schedule.cron: day-of-month: \"L\" is not a number")]
    [InlineData("0 0 * * MON#1", "spec.schedule.cron: day-of-week: \"MON#1\" is not a number or name")]
    [InlineData("0 0 30 2 *", "spec.schedule.cron: cron expression \"0 0 30 2 *\" never fires (no selected month has the selected day)")]
    public void Build_InvalidCron_ConditionMessageNamesTheProblem(string cron, string message)
    {
        RotationPolicyCompilation invalid = RotationPolicyCompiler.Compile(new RotationPolicySpec { Schedule = new() { Cron = cron } });

        Condition failed = Assert.Single(RotationPolicyStatusBuilder.Build(invalid, 1, null, DateTimeOffset.UnixEpoch).Conditions!);

        Assert.Equal(("False", RotationPolicyReasons.InvalidSchedule, message), (failed.Status, failed.Reason, failed.Message));
    }
}
