// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Queue;

/// <summary>
/// An overall token bucket shared by all items (client-go default_rate_limiters.go BucketRateLimiter): it bounds the
/// retry rate of the whole queue, not of one item, so Forget and NumRequeues do nothing.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class BucketRateLimiter<T> : IRateLimiter<T>
{
    private readonly TokenBucket _bucket;

    /// <summary>Creates the limiter; client-go's controller default is 10 qps with a burst of 100.</summary>
    public BucketRateLimiter(double qps, int burst, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _bucket = new TokenBucket(qps, burst, timeProvider);
    }

    /// <inheritdoc />
    public TimeSpan When(T item) => _bucket.Reserve();

    /// <inheritdoc />
    public void Forget(T item)
    {
    }

    /// <inheritdoc />
    public int NumRequeues(T item) => 0;
}
