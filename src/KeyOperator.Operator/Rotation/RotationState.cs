// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.RotationPolicies;

namespace KeyOperator.Operator.Rotation;

/// <summary>
/// The record of one rotation, stored in ApiKey <c>status.rotation</c>. It holds version numbers, fingerprints and
/// times, never key material, so that after a crash <see cref="RotationPlanner"/> resumes at the step that was not
/// finished. Times are whole seconds, so the record reads back exactly as written.
/// </summary>
internal sealed record RotationState
{
    /// <summary>The last step completed.</summary>
    public RotationPhase Phase { get; init; }

    /// <summary>Why this rotation started.</summary>
    public RotationTrigger Trigger { get; init; }

    /// <summary>For manual rotations: the keyoperator.io/rotate value being handled (becomes lastRotateAnnotation).</summary>
    public string? TriggerValue { get; init; }

    /// <summary>Version being replaced.</summary>
    public int FromVersion { get; init; }

    /// <summary>Fingerprint of the version being replaced.</summary>
    public string? FromFingerprint { get; init; }

    /// <summary>Version being introduced: always <see cref="FromVersion"/> + 1, fixed when the rotation starts.</summary>
    public int TargetVersion { get; init; }

    /// <summary>Fingerprint of the new material, recorded before the Secret is written.</summary>
    public string? TargetFingerprint { get; init; }

    /// <summary>Strategy in force when the rotation started; later policy edits do not change a running rotation.</summary>
    public RotationStrategy Strategy { get; init; }

    /// <summary>Grace period in force when the rotation started, in seconds (0 for Immediate).</summary>
    public long GracePeriodSeconds { get; init; }

    /// <summary>Value of keyoperator.io/revoke-previous when the rotation started; only a different value revokes.</summary>
    public string? RevokeValueAtStart { get; init; }

    /// <summary>When the rotation started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When status was switched to the new version; the grace period counts from here.</summary>
    public DateTimeOffset? CommittedAt { get; init; }

    /// <summary>When the previous key may be removed from the Secret.</summary>
    public DateTimeOffset? RetireAfter { get; init; }

    /// <summary>Workloads restarted for this version (each once), recorded when the restarts were made.</summary>
    public IReadOnlyList<RestartTarget>? Restarts { get; init; }

    /// <summary>When the restarts were made.</summary>
    public DateTimeOffset? RestartsTriggeredAt { get; init; }

    /// <summary>When the previous key was removed from the Secret.</summary>
    public DateTimeOffset? PreviousRetiredAt { get; init; }

    /// <summary>When the rotation finished.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>True while a rotation is under way (any phase but <see cref="RotationPhase.Done"/>).</summary>
    public bool InProgress => Phase != RotationPhase.Done;
}
