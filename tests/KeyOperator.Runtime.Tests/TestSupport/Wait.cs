// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Tests.TestSupport;

/// <summary>
/// Waits for background loops to reach a state. Polling is bounded by a generous real-time limit that only guards
/// against hangs; no test asserts how fast anything happens in real time.
/// </summary>
internal static class Wait
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(30);

    public static async Task UntilAsync(Func<bool> condition, string? because = null)
    {
        var deadline = DateTime.UtcNow + s_limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Condition not reached: " + (because ?? "(no description)"));
            }

            await Task.Delay(2);
        }
    }

    /// <summary>
    /// Waits until a timer created through <paramref name="timers"/> is armed to fire by <paramref name="due"/>: the
    /// loop that owns it is parked on it, so advancing the clock to <paramref name="due"/> fires it.
    /// </summary>
    public static Task UntilArmedAsync(TimerTrackingTimeProvider timers, DateTimeOffset due) =>
        UntilAsync(() => timers.IsArmedBy(due), $"a timer armed to fire by {due:O}");
}
