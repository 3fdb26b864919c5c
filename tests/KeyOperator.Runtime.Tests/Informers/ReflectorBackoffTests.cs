// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Informers;
using Microsoft.Extensions.Time.Testing;

namespace KeyOperator.Runtime.Tests.Informers;

public sealed class ReflectorBackoffTests
{
    [Fact]
    public void Next_RepeatedFailures_Doubles800msUpTo30s()
    {
        var time = new FakeTimeProvider();
        var backoff = new ReflectorBackoff(time, static () => 0, TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2));

        var delays = Enumerable.Range(0, 8).Select(_ => backoff.Next().TotalMilliseconds).ToArray();

        Assert.Equal([800d, 1600, 3200, 6400, 12800, 25600, 30000, 30000], delays);
    }

    [Fact]
    public void Next_AfterTwoMinutesWithoutBackoff_ResetsTo800ms()
    {
        var time = new FakeTimeProvider();
        var backoff = new ReflectorBackoff(time, static () => 0, TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2));
        backoff.Next();
        backoff.Next();
        backoff.Next();

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(TimeSpan.FromMilliseconds(6400), backoff.Next());
        time.Advance(TimeSpan.FromMinutes(2.01));
        Assert.Equal(TimeSpan.FromMilliseconds(800), backoff.Next());
    }

    [Fact]
    public void Next_WithJitter_AddsUpToOneTimesTheDelay()
    {
        var time = new FakeTimeProvider();
        var backoff = new ReflectorBackoff(time, static () => 0.5, TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2));

        Assert.Equal(TimeSpan.FromMilliseconds(1200), backoff.Next());
    }
}
