// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Providers;
using Microsoft.Extensions.Time.Testing;

namespace KeyOperator.Providers.Tests;

public sealed class ProviderRateLimiterTests
{
    [Fact]
    public void Throttled_WithRetryAfter_PausesForThatLong()
    {
        FakeTimeProvider time = new();
        ProviderRateLimiter limiter = new(10, 20, time);

        TimeSpan pause = limiter.Throttled(TimeSpan.FromSeconds(7));

        Assert.Equal(TimeSpan.FromSeconds(7), pause);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(7), limiter.PausedUntil);
    }

    [Fact]
    public void Throttled_WithoutRetryAfter_BacksOffExponentiallyUntilSuccess()
    {
        FakeTimeProvider time = new();
        ProviderRateLimiter limiter = new(10, 20, time);

        TimeSpan[] pauses = [limiter.Throttled(null), limiter.Throttled(null), limiter.Throttled(null)];
        limiter.Succeeded();
        TimeSpan afterSuccess = limiter.Throttled(null);

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], pauses);
        Assert.Equal(TimeSpan.FromSeconds(1), afterSuccess);
    }

    [Fact]
    public async Task WaitAsync_WhilePaused_CompletesOnlyWhenThePauseEnds()
    {
        FakeTimeProvider time = new();
        ProviderRateLimiter limiter = new(10, 20, time);
        limiter.Throttled(TimeSpan.FromSeconds(30));

        Task wait = limiter.WaitAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(wait.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        await wait.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
