// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Rotation;

/// <summary>
/// The status fields switched in ONE status write when a rotation commits: the new version becomes current, the old
/// one Previous, and <see cref="State"/> is stored as status.rotation. One write, so a crash leaves all or none.
/// </summary>
internal sealed record RotationCommit
{
    /// <summary>New status.currentVersion; its status.keys entry becomes Current (createdAt = <see cref="RotatedAt"/>).</summary>
    public required int CurrentVersion { get; init; }

    /// <summary>New status.fingerprint.</summary>
    public required string CurrentFingerprint { get; init; }

    /// <summary>Version whose status.keys entry becomes Previous (Retired at once for Immediate, in a later step).</summary>
    public required int PreviousVersion { get; init; }

    /// <summary>New status.lastRotationTime, and createdAt of the new version (whole seconds).</summary>
    public required DateTimeOffset RotatedAt { get; init; }

    /// <summary>notAfter of the new version, when the policy gives keys a maxAge.</summary>
    public DateTimeOffset? NotAfter { get; init; }

    /// <summary>New status.nextRotationTime; null when no policy schedules one.</summary>
    public DateTimeOffset? NextRotationTime { get; init; }

    /// <summary>New status.lastRotateAnnotation (unchanged unless this was a manual rotation).</summary>
    public string? LastRotateAnnotation { get; init; }

    /// <summary>New status.rotation.</summary>
    public required RotationState State { get; init; }
}
