// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Rotation;

namespace KeyOperator.Operator.Controllers.ApiKeys;

/// <summary>The ApiKey status after each recorded rotation step: pure functions of the old status and the step.</summary>
internal static class RotationStatus
{
    public static ApiKeyStatus WithState(ApiKeyStatus status, RotationState state)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status with { Rotation = RotationStateCodec.ToJson(state) };
    }

    /// <summary>The one status write that switches to the new version (all or nothing, so a crash leaves either).</summary>
    public static ApiKeyStatus Commit(ApiKeyStatus status, RotationCommit commit)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(commit);
        KeyVersionStatus current = new()
        {
            Version = commit.CurrentVersion,
            Fingerprint = commit.CurrentFingerprint,
            CreatedAt = commit.RotatedAt,
            NotAfter = commit.NotAfter,
            State = KeyVersionState.Current,
        };
        IEnumerable<KeyVersionStatus> older = (status.Keys ?? [])
            .Where(k => k.Version != commit.CurrentVersion)
            .Select(k => k.Version == commit.PreviousVersion ? k with { State = KeyVersionState.Previous } : k with { State = KeyVersionState.Retired })
            .OrderByDescending(k => k.Version);
        return status with
        {
            CurrentVersion = commit.CurrentVersion,
            Fingerprint = commit.CurrentFingerprint,
            Keys = [current, .. older.Take(ApiKeyStatusWriter.MaxKeyEntries - 1)],
            LastRotationTime = commit.RotatedAt,
            NextRotationTime = commit.NextRotationTime,
            LastRotateAnnotation = commit.LastRotateAnnotation,
            Rotation = RotationStateCodec.ToJson(commit.State),
        };
    }

    /// <summary>The previous version no longer valid anywhere: Retired in status.keys, and the step recorded.</summary>
    public static ApiKeyStatus Retire(ApiKeyStatus status, RotationAction.RetirePrevious retire)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(retire);
        return status with
        {
            Keys = status.Keys?.Select(k => k.Version == retire.PreviousVersion ? k with { State = KeyVersionState.Retired } : k).ToList(),
            Rotation = RotationStateCodec.ToJson(retire.NextState),
        };
    }
}
