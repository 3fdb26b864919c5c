// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Rotation;
using KeyOperator.Operator.RotationPolicies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KeyOperator.Operator.Tests.Rotation;

public sealed class RotationScheduleServiceTests
{
    private static readonly DateTimeOffset s_start = DateTimeOffset.Parse("2026-05-01T00:00:00Z");

    [Fact]
    public void IsDue_FakeClockAdvances_BecomesDueAtNextRotation()
    {
        var clock = new FakeTimeProvider(s_start);
        var service = new RotationScheduleService(clock, Options.Create(new RotationOptions()));
        EffectiveRotationPolicy policy = PolicyFactory.Create(every: "2h");
        DateTimeOffset next = service.NextRotation(policy, s_start, null, null, "uid")!.Value;

        Assert.False(service.IsDue(next));
        Assert.Equal(TimeSpan.FromHours(2), service.DelayUntil(next));

        clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromMilliseconds(5));
        Assert.True(service.IsDue(next));

        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(TimeSpan.Zero, service.DelayUntil(next));
    }

    [Fact]
    public void NextRotation_DevelopmentMinimumInterval_AllowsFiveSecondRotations()
    {
        var service = new RotationScheduleService(
            new FakeTimeProvider(s_start),
            Options.Create(new RotationOptions { MinimumInterval = RotationOptions.DevelopmentMinimumInterval }));

        Assert.Equal(s_start.AddSeconds(5), service.NextRotation(PolicyFactory.Create(every: "1s", gracePeriod: "0s"), s_start, null, null, "uid"));
    }

    [Fact]
    public void AddRotationScheduling_MinimumIntervalBelowOneSecond_FailsValidation()
    {
        using ServiceProvider provider = new ServiceCollection()
            .AddRotationScheduling(o => o.MinimumInterval = TimeSpan.FromMilliseconds(10))
            .BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<RotationScheduleService>());
    }

    [Fact]
    public void AddRotationScheduling_Defaults_UsesOneMinute()
    {
        using ServiceProvider provider = new ServiceCollection().AddRotationScheduling().BuildServiceProvider();

        Assert.Equal(TimeSpan.FromMinutes(1), provider.GetRequiredService<RotationScheduleService>().MinimumInterval);
    }
}
