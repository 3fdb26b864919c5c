// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Rotation;

/// <summary>
/// Status stores times as RFC 3339 at whole seconds (meta/v1 Time). Every instant the rotation logic persists or
/// compares against a persisted one goes through here, so that a value read back equals the value computed.
/// </summary>
internal static class SecondPrecision
{
    /// <summary>
    /// How early a check may run and still count as on time. Requeue timers fire a little early or late, and
    /// persisted times lose their fraction; without this slack, a check a few ms before the stored second reads as
    /// "not due" (cert-manager's lost renewal).
    /// </summary>
    public static readonly TimeSpan DueTolerance = TimeSpan.FromSeconds(1);

    /// <summary>Drops the fraction of a second, as serialization to status would; returns UTC.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    /// <summary>Rounds up to the next whole second (unchanged when already whole); returns UTC.</summary>
    public static DateTimeOffset Ceiling(DateTimeOffset value)
    {
        DateTimeOffset truncated = Truncate(value);
        return truncated.UtcTicks == value.UtcTicks ? truncated : truncated.AddSeconds(1);
    }

    /// <summary>True when <paramref name="dueAt"/> has come, allowing for <see cref="DueTolerance"/>.</summary>
    public static bool IsDue(DateTimeOffset dueAt, DateTimeOffset now) => now + DueTolerance >= dueAt;
}
