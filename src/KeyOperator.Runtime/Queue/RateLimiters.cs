// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Queue;

/// <summary>Factories for the standard rate limiters.</summary>
public static class RateLimiters
{
    /// <summary>
    /// client-go's DefaultTypedControllerRateLimiter: the max of per-item exponential backoff (5 ms × 2^n, capped at
    /// 1000 s) and an overall token bucket (10 qps, burst 100), with the values taken from <paramref name="options"/>.
    /// </summary>
    public static IRateLimiter<T> DefaultController<T>(WorkQueueOptions options, TimeProvider timeProvider)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        return new MaxOfRateLimiter<T>(
            new ItemExponentialFailureRateLimiter<T>(options.BaseDelay, options.MaxDelay),
            new BucketRateLimiter<T>(options.Qps, options.Burst, timeProvider));
    }
}
