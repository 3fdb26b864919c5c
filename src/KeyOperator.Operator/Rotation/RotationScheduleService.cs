// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.RotationPolicies;
using Microsoft.Extensions.Options;

namespace KeyOperator.Operator.Rotation;

/// <summary>
/// <see cref="RotationScheduler"/> bound to the operator's clock and settings, for the controller. All decisions
/// stay in the pure functions; this class only supplies <c>now</c> and the minimum interval.
/// </summary>
internal sealed class RotationScheduleService(TimeProvider timeProvider, IOptions<RotationOptions> options)
{
    private readonly TimeSpan _minimumInterval = options.Value.MinimumInterval;

    /// <summary>The operator's minimum interval between scheduled rotations.</summary>
    public TimeSpan MinimumInterval => _minimumInterval;

    /// <summary>The current time of the operator's clock.</summary>
    public DateTimeOffset Now => timeProvider.GetUtcNow();

    /// <summary>See <see cref="RotationScheduler.NextRotation"/>; uses the configured minimum interval.</summary>
    public DateTimeOffset? NextRotation(
        EffectiveRotationPolicy policy,
        DateTimeOffset keyCreatedAt,
        DateTimeOffset? lastRotation,
        DateTimeOffset? notAfter,
        string uid) =>
        RotationScheduler.NextRotation(policy, keyCreatedAt, lastRotation, notAfter, uid, _minimumInterval);

    /// <summary>True when <paramref name="dueAt"/> has come (with the second-precision tolerance).</summary>
    public bool IsDue(DateTimeOffset dueAt) => SecondPrecision.IsDue(dueAt, timeProvider.GetUtcNow());

    /// <summary>How long to wait before checking again; never negative, so a past time means "now".</summary>
    public TimeSpan DelayUntil(DateTimeOffset dueAt)
    {
        TimeSpan delay = dueAt - timeProvider.GetUtcNow();
        return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
    }
}
