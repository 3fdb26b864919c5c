// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Queue;

/// <summary>Decides how long an item waits before it is retried (client-go util/workqueue/default_rate_limiters.go).</summary>
/// <typeparam name="T">The item type.</typeparam>
public interface IRateLimiter<in T>
{
    /// <summary>Records one more failure of <paramref name="item"/> and returns how long to wait before retrying it.</summary>
    TimeSpan When(T item);

    /// <summary>Clears the failure history of <paramref name="item"/> (after a success).</summary>
    void Forget(T item);

    /// <summary>How many times <paramref name="item"/> has been rate-limited since it was last forgotten.</summary>
    int NumRequeues(T item);
}
