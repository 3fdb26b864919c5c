// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Tests.TestSupport;

/// <summary>A timer of <see cref="TimerTrackingTimeProvider"/>: reports arming, firing and disposal to its owner.</summary>
internal sealed class TrackedTimer(TimerTrackingTimeProvider owner, TimerCallback callback, object? state) : ITimer
{
    public ITimer? Inner { get; set; }

    // Guarded by the owner's lock: which arming is current, and whether the timer fired since.
    internal int Arming { get; set; }

    internal bool FiredSinceArming { get; set; }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        var arming = owner.BeginArm(this);
        var changed = Inner?.Change(dueTime, period) ?? false;
        owner.EndArm(this, arming, dueTime, period);
        return changed;
    }

    public void Dispose()
    {
        owner.Disarm(this);
        Inner?.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    internal void Fire()
    {
        owner.Fired(this);
        callback(state);
    }
}
