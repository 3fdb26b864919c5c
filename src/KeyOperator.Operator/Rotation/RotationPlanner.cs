// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.RotationPolicies;

namespace KeyOperator.Operator.Rotation;

/// <summary>
/// Decides the next step of an ApiKey's rotation from what is observed, with no I/O and no clock. Because every step
/// is recorded before the next begins, calling it again after a crash or failed write between ANY two steps resumes
/// where the work stopped.
/// </summary>
/// <remarks>
/// Invariants (see the crash tests): the Secret always holds a current key; the previous key stays in the Secret
/// until the retire step; a rotation targets exactly one version (current + 1) and, once material for it is in the
/// Secret, never mints another; restarts and retirement are recorded once. The to-retire version is in the state
/// before the commit, so a retirement is never forgotten (the Infisical lesson in reliability.md).
/// </remarks>
internal static class RotationPlanner
{
    /// <summary>Reason: no key issued yet; issuing the first one is the ApiKey controller's job.</summary>
    public const string NoKeyReason = "NoKeyIssued";

    /// <summary>Reason: no policy and no manual request.</summary>
    public const string NoScheduleReason = "NoSchedule";

    /// <summary>Reason: the next rotation is in the future.</summary>
    public const string NotDueReason = "NotDue";

    /// <summary>Reason: the previous key is in its grace period.</summary>
    public const string GracePeriodReason = "GracePeriod";

    /// <summary>Blocked reason: the Secret does not exist.</summary>
    public const string SecretMissingReason = "SecretMissing";

    /// <summary>Blocked reason: the Secret holds a key that is neither the old nor the new one.</summary>
    public const string SecretOutOfSyncReason = "SecretOutOfSync";

    /// <summary>Blocked reason: status names a version this rotation did not expect.</summary>
    public const string StatusConflictReason = "StatusConflict";

    /// <summary>The next action for the ApiKey described by <paramref name="observed"/>.</summary>
    /// <param name="observed">Status, annotations, Secret and workloads as last read.</param>
    /// <param name="policy">The referenced policy if it exists and is valid; null rotates only on request.</param>
    /// <param name="now">The current time.</param>
    /// <param name="minimumInterval">The operator's minimum interval between scheduled rotations.</param>
    public static RotationAction NextStep(
        RotationObservation observed,
        EffectiveRotationPolicy? policy,
        DateTimeOffset now,
        TimeSpan minimumInterval)
    {
        ArgumentNullException.ThrowIfNull(observed);
        RotationState? state = observed.Rotation;
        if (state is null || !state.InProgress)
        {
            return PlanStart(observed, policy, now, minimumInterval);
        }

        return state.Phase switch
        {
            RotationPhase.Pending => observed.CurrentVersion == state.FromVersion
                ? new RotationAction.MintKey(state.TargetVersion, state)
                : Abandon(state, now),
            RotationPhase.KeyMinted or RotationPhase.SecretWritten => PlanSecret(observed, state, policy, now, minimumInterval),
            RotationPhase.StatusCommitted => PlanRestarts(observed, state, now),
            RotationPhase.RestartsTriggered => PlanRetire(observed, state, now),
            _ => new RotationAction.PersistState(state with { Phase = RotationPhase.Done, FinishedAt = SecondPrecision.Truncate(now) }),
        };
    }

    /// <summary>
    /// The next scheduled rotation of the current key, or null when no policy schedules one. The controller stores
    /// it as status.nextRotationTime and requeues for it.
    /// </summary>
    public static DateTimeOffset? NextScheduledRotation(RotationObservation observed, EffectiveRotationPolicy? policy, TimeSpan minimumInterval)
    {
        ArgumentNullException.ThrowIfNull(observed);
        // Without createdAt (a status written by an older operator) the last rotation is the best anchor we have.
        return policy is null || (observed.CurrentCreatedAt ?? observed.LastRotationTime) is not { } createdAt
            ? null
            : RotationScheduler.NextRotation(policy, createdAt, observed.LastRotationTime, observed.CurrentNotAfter, observed.Uid, minimumInterval);
    }

    private static RotationAction PlanStart(RotationObservation observed, EffectiveRotationPolicy? policy, DateTimeOffset now, TimeSpan minimumInterval)
    {
        if (observed.CurrentVersion <= 0 || observed.CurrentFingerprint is null)
        {
            return new RotationAction.Wait(null, NoKeyReason);
        }

        bool manual = IsManualRequest(observed);
        DateTimeOffset? next = NextScheduledRotation(observed, policy, minimumInterval);
        if (!manual && (next is not { } dueAt || !SecondPrecision.IsDue(dueAt, now)))
        {
            return new RotationAction.Wait(next, next is null ? NoScheduleReason : NotDueReason);
        }

        if (!observed.Secret.Exists)
        {
            return new RotationAction.Blocked(SecretMissingReason, "the Secret is missing; it must be restored before the key can be rotated");
        }

        if (observed.Secret.CurrentFingerprint != observed.CurrentFingerprint)
        {
            return new RotationAction.Blocked(SecretOutOfSyncReason, "the Secret does not hold the version named in status; it must be repaired before the key can be rotated");
        }

        RotationTrigger trigger = RotationTrigger.Manual;
        if (!manual)
        {
            DateTimeOffset? expiry = policy is not null && (observed.CurrentCreatedAt ?? observed.LastRotationTime) is { } createdAt
                ? RotationScheduler.ExpiryRotationTime(policy, createdAt, observed.CurrentNotAfter)
                : null;
            trigger = expiry is { } expiresAt && SecondPrecision.IsDue(expiresAt, now) ? RotationTrigger.Expiry : RotationTrigger.Schedule;
        }

        RotationStrategy strategy = policy?.Strategy ?? RotationStrategy.Overlapping;
        TimeSpan grace = strategy == RotationStrategy.Immediate ? TimeSpan.Zero : policy?.GracePeriod ?? EffectiveRotationPolicy.DefaultGracePeriod;
        return new RotationAction.PersistState(new RotationState
        {
            Phase = RotationPhase.Pending,
            Trigger = trigger,
            TriggerValue = manual ? observed.RotateAnnotation : null,
            FromVersion = observed.CurrentVersion,
            FromFingerprint = observed.CurrentFingerprint,
            TargetVersion = observed.CurrentVersion + 1,
            Strategy = strategy,
            GracePeriodSeconds = (long)Math.Ceiling(grace.TotalSeconds),
            RevokeValueAtStart = observed.RevokePreviousAnnotation,
            StartedAt = SecondPrecision.Truncate(now),
        });
    }

    private static RotationAction PlanSecret(
        RotationObservation observed,
        RotationState state,
        EffectiveRotationPolicy? policy,
        DateTimeOffset now,
        TimeSpan minimumInterval)
    {
        SecretObservation secret = observed.Secret;
        if (observed.CurrentVersion != state.FromVersion)
        {
            // Someone else (re-issuing a lost key, say) moved status on. Unless our key is what the Secret
            // publishes, nothing of this rotation is visible anywhere, and dropping it loses nothing.
            return state.TargetFingerprint is not null && secret.CurrentFingerprint == state.TargetFingerprint
                ? StatusConflict(observed, state)
                : Abandon(state, now);
        }

        if (!secret.Exists)
        {
            return new RotationAction.Blocked(SecretMissingReason, "the Secret disappeared during a rotation; it must be restored before the rotation can continue");
        }

        if (state.TargetFingerprint is not null && secret.CurrentFingerprint == state.TargetFingerprint)
        {
            return Commit(observed, state, policy, now, minimumInterval);
        }

        if (secret.Version == state.TargetVersion && secret.CurrentFingerprint is not null && secret.PreviousFingerprint == state.FromFingerprint)
        {
            // Another writer (a previous leader) published different material for this very version. What is
            // published may already be in use: adopt it rather than replace it.
            return new RotationAction.PersistState(state with { Phase = RotationPhase.KeyMinted, TargetFingerprint = secret.CurrentFingerprint });
        }

        if (secret.CurrentFingerprint != state.FromFingerprint || state.Phase == RotationPhase.SecretWritten)
        {
            return new RotationAction.Blocked(SecretOutOfSyncReason, "the Secret holds neither the old nor the new key of the rotation in progress");
        }

        if (state.TargetFingerprint is { } target && observed.HeldMaterialFingerprint == target)
        {
            return new RotationAction.WriteSecret(state.TargetVersion, target, state.FromVersion, state.FromFingerprint);
        }

        // The minted material died with a process before reaching the Secret; nobody can have seen it.
        return new RotationAction.MintKey(state.TargetVersion, state);
    }

    private static RotationAction.CommitStatus Commit(
        RotationObservation observed,
        RotationState state,
        EffectiveRotationPolicy? policy,
        DateTimeOffset now,
        TimeSpan minimumInterval)
    {
        DateTimeOffset rotatedAt = SecondPrecision.Truncate(now);
        DateTimeOffset? notAfter = policy is null ? null : RotationScheduler.NotAfter(policy, rotatedAt);
        DateTimeOffset? next = policy is null
            ? null
            : RotationScheduler.NextRotation(policy, rotatedAt, rotatedAt, notAfter, observed.Uid, minimumInterval);
        return new RotationAction.CommitStatus(new RotationCommit
        {
            CurrentVersion = state.TargetVersion,
            CurrentFingerprint = state.TargetFingerprint!,
            PreviousVersion = state.FromVersion,
            RotatedAt = rotatedAt,
            NotAfter = notAfter,
            NextRotationTime = next,
            LastRotateAnnotation = state.Trigger == RotationTrigger.Manual ? state.TriggerValue : observed.LastRotateAnnotation,
            State = state with
            {
                Phase = RotationPhase.StatusCommitted,
                CommittedAt = rotatedAt,
                RetireAfter = rotatedAt.AddSeconds(state.GracePeriodSeconds),
            },
        });
    }

    private static RotationAction PlanRestarts(RotationObservation observed, RotationState state, DateTimeOffset now)
    {
        if (observed.CurrentVersion != state.TargetVersion)
        {
            return StatusConflict(observed, state);
        }

        var pending = new List<RestartTarget>();
        foreach (RestartTarget target in observed.RestartTargets)
        {
            if (!observed.RestartedVersions.TryGetValue(target, out int version) || version < state.TargetVersion)
            {
                pending.Add(target);
            }
        }

        RotationState next = state with
        {
            Phase = RotationPhase.RestartsTriggered,
            Restarts = [.. observed.RestartTargets],
            RestartsTriggeredAt = SecondPrecision.Truncate(now),
        };
        return pending.Count == 0
            ? new RotationAction.PersistState(next)
            : new RotationAction.TriggerRestarts(pending, observed.ApiKeyName, state.TargetVersion, next);
    }

    private static RotationAction PlanRetire(RotationObservation observed, RotationState state, DateTimeOffset now)
    {
        bool revoke = !string.IsNullOrEmpty(observed.RevokePreviousAnnotation) && observed.RevokePreviousAnnotation != state.RevokeValueAtStart;
        bool graceOver = state.Strategy == RotationStrategy.Immediate
            || state.RetireAfter is not { } retireAfter
            || SecondPrecision.IsDue(retireAfter, now);

        // A new manual request cuts the grace period short: the Secret has one ".previous" slot, and an explicit
        // request (often after a leak) should not wait for hours.
        if (!graceOver && !revoke && !IsManualRequest(observed))
        {
            return new RotationAction.Wait(state.RetireAfter, GracePeriodReason);
        }

        if (!observed.Secret.Exists)
        {
            return new RotationAction.Blocked(SecretMissingReason, "the Secret disappeared during a rotation; it must be restored before the rotation can continue");
        }

        if (observed.Secret.CurrentFingerprint != state.TargetFingerprint)
        {
            // Removing ".previous" now could leave no valid key at all.
            return new RotationAction.Blocked(SecretOutOfSyncReason, "the Secret does not hold the new key; the previous key is kept until it does");
        }

        return new RotationAction.RetirePrevious(
            state.FromVersion,
            observed.Secret.PreviousFingerprint is not null,
            state with { Phase = RotationPhase.PreviousRetired, PreviousRetiredAt = SecondPrecision.Truncate(now) });
    }

    private static RotationAction.PersistState Abandon(RotationState state, DateTimeOffset now) =>
        new(state with { Phase = RotationPhase.Done, FinishedAt = SecondPrecision.Truncate(now) });

    private static bool IsManualRequest(RotationObservation observed) =>
        !string.IsNullOrEmpty(observed.RotateAnnotation) && observed.RotateAnnotation != observed.LastRotateAnnotation;

    private static RotationAction.Blocked StatusConflict(RotationObservation observed, RotationState state)
    {
        int expected = state.Phase < RotationPhase.StatusCommitted ? state.FromVersion : state.TargetVersion;
        return new(
            StatusConflictReason,
            "status names version " + observed.CurrentVersion.ToString(CultureInfo.InvariantCulture)
                + " but the rotation in progress expects " + expected.ToString(CultureInfo.InvariantCulture));
    }
}
