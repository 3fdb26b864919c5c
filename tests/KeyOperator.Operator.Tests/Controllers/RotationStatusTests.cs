// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using k8s.Models;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers.ApiKeys;
using KeyOperator.Operator.Keys;
using KeyOperator.Operator.Rotation;

namespace KeyOperator.Operator.Tests.Controllers;

/// <summary>The status the rotation controller writes per step, and what it observes in a Secret.</summary>
public sealed class RotationStatusTests
{
    private static readonly DateTimeOffset s_created = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_rotated = new(2026, 1, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Commit_OverlappingRotation_NewCurrentOldPreviousHistoryRetired()
    {
        ApiKeyStatus before = new()
        {
            CurrentVersion = 2,
            Fingerprint = "sha256:two",
            Keys =
            [
                new KeyVersionStatus { Version = 2, Fingerprint = "sha256:two", CreatedAt = s_created, State = KeyVersionState.Current },
                new KeyVersionStatus { Version = 1, Fingerprint = "sha256:one", CreatedAt = s_created, State = KeyVersionState.Retired },
            ],
            LastRotateAnnotation = "old",
        };
        RotationCommit commit = new()
        {
            CurrentVersion = 3,
            CurrentFingerprint = "sha256:three",
            PreviousVersion = 2,
            RotatedAt = s_rotated,
            NextRotationTime = s_rotated.AddHours(1),
            LastRotateAnnotation = "new",
            State = new RotationState { Phase = RotationPhase.StatusCommitted, FromVersion = 2, TargetVersion = 3 },
        };

        ApiKeyStatus after = RotationStatus.Commit(before, commit);

        Assert.Equal(3, after.CurrentVersion);
        Assert.Equal("sha256:three", after.Fingerprint);
        Assert.Equal([3, 2, 1], after.Keys!.Select(k => k.Version));
        Assert.Equal([KeyVersionState.Current, KeyVersionState.Previous, KeyVersionState.Retired], after.Keys!.Select(k => k.State));
        Assert.Equal(s_rotated, after.Keys![0].CreatedAt);
        Assert.Equal(s_rotated, after.LastRotationTime);
        Assert.Equal(s_rotated.AddHours(1), after.NextRotationTime);
        Assert.Equal("new", after.LastRotateAnnotation);
        Assert.Equal(RotationPhase.StatusCommitted, RotationStateCodec.FromJson(after.Rotation)!.Phase);
    }

    [Fact]
    public void Commit_LongHistory_KeepsAtMostFiveEntries()
    {
        ApiKeyStatus before = new()
        {
            CurrentVersion = 9,
            Keys = [.. Enumerable.Range(5, 5).Reverse().Select(v => new KeyVersionStatus { Version = v, State = KeyVersionState.Retired })],
        };
        RotationCommit commit = new()
        {
            CurrentVersion = 10,
            CurrentFingerprint = "sha256:ten",
            PreviousVersion = 9,
            RotatedAt = s_rotated,
            State = new RotationState { Phase = RotationPhase.StatusCommitted },
        };

        Assert.Equal([10, 9, 8, 7, 6], RotationStatus.Commit(before, commit).Keys!.Select(k => k.Version));
    }

    [Fact]
    public void Retire_PreviousVersion_MarkedRetiredAndStateRecorded()
    {
        ApiKeyStatus before = new()
        {
            Keys =
            [
                new KeyVersionStatus { Version = 3, State = KeyVersionState.Current },
                new KeyVersionStatus { Version = 2, State = KeyVersionState.Previous },
            ],
        };
        RotationState next = new() { Phase = RotationPhase.PreviousRetired, FromVersion = 2, TargetVersion = 3 };

        ApiKeyStatus after = RotationStatus.Retire(before, new RotationAction.RetirePrevious(2, true, next));

        Assert.Equal([KeyVersionState.Current, KeyVersionState.Retired], after.Keys!.Select(k => k.State));
        Assert.Equal(RotationPhase.PreviousRetired, RotationStateCodec.FromJson(after.Rotation)!.Phase);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ObserveSecret_TokenWithAndWithoutPrevious_FingerprintsFromData(bool withPrevious)
    {
        Dictionary<string, byte[]> data = new() { ["token"] = Encoding.UTF8.GetBytes("new-token") };
        if (withPrevious)
        {
            data["token.previous"] = Encoding.UTF8.GetBytes("old-token");
        }

        V1Secret secret = new()
        {
            Metadata = new V1ObjectMeta { Annotations = new Dictionary<string, string> { ["keyoperator.io/version"] = "4" } },
            Data = data,
        };

        SecretObservation observed = RotationObserver.ObserveSecret(ApiKeyFormat.Token, secret);

        Assert.True(observed.Exists);
        Assert.Equal(4, observed.Version);
        Assert.Equal(Fingerprint.Of(Encoding.UTF8.GetBytes("new-token")), observed.CurrentFingerprint);
        Assert.Equal(withPrevious ? Fingerprint.Of(Encoding.UTF8.GetBytes("old-token")) : null, observed.PreviousFingerprint);
    }

    [Fact]
    public void ObserveSecret_Missing_ReportsMissing()
    {
        Assert.False(RotationObserver.ObserveSecret(ApiKeyFormat.Token, null).Exists);
    }
}
