// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.ApiKeys;

namespace KeyOperator.Operator.Rotation;

/// <summary>Everything <see cref="RotationPlanner"/> looks at for one ApiKey, gathered by the controller from its caches.</summary>
internal sealed record RotationObservation
{
    /// <summary>Name of the ApiKey (used in workload restart records).</summary>
    public required string ApiKeyName { get; init; }

    /// <summary>Uid of the ApiKey (seed of its jitter).</summary>
    public required string Uid { get; init; }

    /// <summary>status.currentVersion; 0 when no key was issued yet (issuing the first key is not a rotation).</summary>
    public int CurrentVersion { get; init; }

    /// <summary>status.fingerprint.</summary>
    public string? CurrentFingerprint { get; init; }

    /// <summary>
    /// createdAt of the current version (from status.keys). The schedule counts from it; without it (and without
    /// <see cref="LastRotationTime"/>) no scheduled rotation happens, only manual ones.
    /// </summary>
    public DateTimeOffset? CurrentCreatedAt { get; init; }

    /// <summary>notAfter of the current version, if it expires.</summary>
    public DateTimeOffset? CurrentNotAfter { get; init; }

    /// <summary>status.lastRotationTime.</summary>
    public DateTimeOffset? LastRotationTime { get; init; }

    /// <summary>status.lastRotateAnnotation.</summary>
    public string? LastRotateAnnotation { get; init; }

    /// <summary>status.rotation, decoded.</summary>
    public RotationState? Rotation { get; init; }

    /// <summary>The keyoperator.io/rotate annotation on the ApiKey.</summary>
    public string? RotateAnnotation { get; init; }

    /// <summary>The keyoperator.io/revoke-previous annotation on the ApiKey.</summary>
    public string? RevokePreviousAnnotation { get; init; }

    /// <summary>The Secret as last read.</summary>
    public SecretObservation Secret { get; init; } = SecretObservation.Missing;

    /// <summary>spec.restartTargets.</summary>
    public IReadOnlyList<RestartTarget> RestartTargets { get; init; } = [];

    /// <summary>
    /// For each restart target that exists: the version of this key its pod template was last restarted for, read with
    /// <see cref="RestartAnnotation.VersionFor"/>. Missing entries count as never restarted.
    /// </summary>
    public IReadOnlyDictionary<RestartTarget, int> RestartedVersions { get; init; } = new Dictionary<RestartTarget, int>();

    /// <summary>
    /// Fingerprint of new material this process minted for the rotation in progress and still holds in memory; null
    /// after a restart. Material is never persisted before the Secret write, so it is lost with the process.
    /// </summary>
    public string? HeldMaterialFingerprint { get; init; }
}
