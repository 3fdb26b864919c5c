// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Queue;

/// <summary>
/// Per-item exponential backoff: baseDelay × 2^failures, capped at maxDelay. Port of client-go
/// util/workqueue/default_rate_limiters.go (ItemExponentialFailureRateLimiter).
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class ItemExponentialFailureRateLimiter<T> : IRateLimiter<T>
    where T : notnull
{
    private readonly object _sync = new();
    private readonly Dictionary<T, int> _failures = [];
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;

    /// <summary>Creates the limiter; client-go's controller default is 5 ms and 1000 s.</summary>
    public ItemExponentialFailureRateLimiter(TimeSpan baseDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
        _baseDelay = baseDelay;
        _maxDelay = maxDelay;
    }

    /// <inheritdoc />
    public TimeSpan When(T item)
    {
        int exponent;
        lock (_sync)
        {
            _failures.TryGetValue(item, out exponent);
            _failures[item] = exponent + 1;
        }

        // Computed in double, like the Go code, so a large exponent saturates at maxDelay instead of overflowing.
        var backoffTicks = _baseDelay.Ticks * Math.Pow(2, exponent);
        return backoffTicks >= _maxDelay.Ticks ? _maxDelay : TimeSpan.FromTicks((long)backoffTicks);
    }

    /// <inheritdoc />
    public void Forget(T item)
    {
        lock (_sync)
        {
            _failures.Remove(item);
        }
    }

    /// <inheritdoc />
    public int NumRequeues(T item)
    {
        lock (_sync)
        {
            return _failures.TryGetValue(item, out var count) ? count : 0;
        }
    }
}
