// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Tests.TestSupport;

/// <summary>
/// Passes every call to a fake clock and remembers which of the timers created through it are armed, so a test can
/// wait until a background loop is parked on its timer before it advances the clock.
/// </summary>
/// <remarks>
/// A fake clock schedules a timer relative to its time when the timer is created. A loop that computes a delay, is
/// preempted, and creates its timer only after the test advanced the clock gets a deadline pushed out by that
/// advance, and the timer then never fires when the test expects it. Advancing only once the timer is armed closes
/// that gap without sleeping.
/// </remarks>
/// <param name="clock">The clock that keeps the time and fires the timers (a FakeTimeProvider).</param>
internal sealed class TimerTrackingTimeProvider(TimeProvider clock) : TimeProvider
{
    private readonly object _sync = new();
    private readonly Dictionary<TrackedTimer, (DateTimeOffset Due, TimeSpan Period)> _armed = [];
    private int _created;

    public override TimeZoneInfo LocalTimeZone => clock.LocalTimeZone;

    public override long TimestampFrequency => clock.TimestampFrequency;

    /// <summary>Number of timers waiting to fire.</summary>
    public int ArmedCount
    {
        get
        {
            lock (_sync)
            {
                return _armed.Count;
            }
        }
    }

    /// <summary>Number of timers created through this clock so far.</summary>
    public int CreatedCount => Volatile.Read(ref _created);

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public override long GetTimestamp() => clock.GetTimestamp();

    /// <summary>True when a timer waits to fire at or before <paramref name="due"/>.</summary>
    /// <remarks>
    /// Not "exactly at": Task.Delay truncates a delay to whole milliseconds, so a loop that waits for a deadline a
    /// fraction of a millisecond away arms its timer up to a millisecond early.
    /// </remarks>
    public bool IsArmedBy(DateTimeOffset due)
    {
        lock (_sync)
        {
            return _armed.Values.Any(t => t.Due <= due);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _created);
        var timer = new TrackedTimer(this, callback, state);
        var arming = BeginArm(timer);
        timer.Inner = clock.CreateTimer(static s => ((TrackedTimer)s!).Fire(), timer, dueTime, period);
        EndArm(timer, arming, dueTime, period);
        return timer;
    }

    internal int BeginArm(TrackedTimer timer)
    {
        lock (_sync)
        {
            _armed.Remove(timer);
            timer.FiredSinceArming = false;
            return ++timer.Arming;
        }
    }

    /// <summary>Records the timer as armed once the clock has it, unless it already fired or was re-armed.</summary>
    internal void EndArm(TrackedTimer timer, int arming, TimeSpan dueTime, TimeSpan period)
    {
        // Read after the clock created the timer, so the recorded deadline is never earlier than the real one and
        // "armed by" never promises a firing that an advance to that time would not cause.
        var now = clock.GetUtcNow();
        lock (_sync)
        {
            if (timer.Arming != arming || dueTime == Timeout.InfiniteTimeSpan || (timer.FiredSinceArming && !IsPeriodic(period)))
            {
                return;
            }

            _armed[timer] = (now + dueTime, period);
        }
    }

    internal void Fired(TrackedTimer timer)
    {
        lock (_sync)
        {
            timer.FiredSinceArming = true;
            if (!_armed.TryGetValue(timer, out var armed))
            {
                return;
            }

            if (IsPeriodic(armed.Period))
            {
                _armed[timer] = (armed.Due + armed.Period, armed.Period);
            }
            else
            {
                _armed.Remove(timer);
            }
        }
    }

    internal void Disarm(TrackedTimer timer)
    {
        lock (_sync)
        {
            timer.Arming++;
            _armed.Remove(timer);
        }
    }

    private static bool IsPeriodic(TimeSpan period) => period != Timeout.InfiniteTimeSpan && period != TimeSpan.Zero;
}
