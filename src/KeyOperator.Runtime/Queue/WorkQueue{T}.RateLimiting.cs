// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Queue;

/// <content>Rate-limited adds (client-go util/workqueue/rate_limiting_queue.go).</content>
public sealed partial class WorkQueue<T>
{
    /// <summary>Adds the item after the delay the rate limiter assigns (a retry after a failure).</summary>
    public void AddRateLimited(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var delay = _rateLimiter.When(item);
        _metrics?.Retries.Inc();
        AddAfter(item, delay);
    }

    /// <summary>Clears the item's failure history (after a success); it does not remove the item from the queue.</summary>
    public void Forget(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        _rateLimiter.Forget(item);
    }

    /// <summary>How many rate-limited retries the item has had since it was last forgotten.</summary>
    public int NumRequeues(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _rateLimiter.NumRequeues(item);
    }
}
