// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Queue;
using Microsoft.Extensions.Time.Testing;

namespace KeyOperator.Runtime.Tests.Queue;

public sealed class RateLimiterTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(11, 5120)]
    [InlineData(18, 655_360)]
    [InlineData(19, 1_000_000)]
    [InlineData(200, 1_000_000)]
    public void ItemExponential_NthFailure_Is5msTimes2PowNMinus1CappedAt1000s(int failures, double expectedMs)
    {
        var limiter = new ItemExponentialFailureRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));
        var delay = TimeSpan.Zero;
        for (var i = 0; i < failures; i++)
        {
            delay = limiter.When("a");
        }

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
        Assert.Equal(failures, limiter.NumRequeues("a"));
    }

    [Fact]
    public void ItemExponential_Forget_ResetsOnlyThatItem()
    {
        var limiter = new ItemExponentialFailureRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));
        limiter.When("a");
        limiter.When("a");
        limiter.When("b");

        limiter.Forget("a");

        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(10), limiter.When("b"));
    }

    [Fact]
    public void Bucket_BurstUsed_ThenDelaysGrowByOneOverQps()
    {
        var time = new FakeTimeProvider();
        var limiter = new BucketRateLimiter<string>(10, 100, time);

        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(TimeSpan.Zero, limiter.When("x" + i));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(100), limiter.When("y"));
        Assert.Equal(TimeSpan.FromMilliseconds(200), limiter.When("z"));
    }

    [Fact]
    public void Bucket_TimePasses_TokensRefillUpToBurst()
    {
        var time = new FakeTimeProvider();
        var limiter = new BucketRateLimiter<string>(10, 100, time);
        for (var i = 0; i < 100; i++)
        {
            limiter.When("x");
        }

        time.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(TimeSpan.Zero, limiter.When("x"));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(100), limiter.When("x"));
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(TimeSpan.Zero, limiter.When("x"));
    }

    [Fact]
    public void DefaultController_IsMaxOfItemBackoffAndBucket()
    {
        var time = new FakeTimeProvider();
        var limiter = RateLimiters.DefaultController<string>(new WorkQueueOptions(), time);

        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(10), limiter.When("a"));
        for (var i = 0; i < 98; i++)
        {
            limiter.When("other" + i);
        }

        // The bucket is empty now: a fresh item waits for the bucket (100 ms), not its own 5 ms.
        Assert.Equal(TimeSpan.FromMilliseconds(100), limiter.When("fresh"));
        Assert.Equal(1, limiter.NumRequeues("fresh"));
        limiter.Forget("a");
        Assert.Equal(0, limiter.NumRequeues("a"));
    }

    [Theory]
    [InlineData(0, 10, 100)]
    [InlineData(5, 0, 100)]
    [InlineData(5, 10, 0)]
    [InlineData(-1, 10, 100)]
    public void WorkQueueOptionsValidator_InvalidValues_Fail(double baseDelayMs, double qps, int burst)
    {
        var options = new WorkQueueOptions { BaseDelay = TimeSpan.FromMilliseconds(baseDelayMs), Qps = qps, Burst = burst };

        Assert.True(new WorkQueueOptionsValidator().Validate(null, options).Failed);
    }

    [Fact]
    public void WorkQueueOptionsValidator_Defaults_Succeed()
    {
        Assert.True(new WorkQueueOptionsValidator().Validate(null, new WorkQueueOptions()).Succeeded);
    }
}
