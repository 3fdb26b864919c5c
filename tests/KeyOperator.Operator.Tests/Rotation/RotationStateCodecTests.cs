// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Rotation;
using KeyOperator.Operator.RotationPolicies;

namespace KeyOperator.Operator.Tests.Rotation;

public sealed class RotationStateCodecTests
{
    [Fact]
    public void ToJson_ThenFromJson_RoundTripsWholeSecondState()
    {
        var state = new RotationState
        {
            Phase = RotationPhase.RestartsTriggered,
            Trigger = RotationTrigger.Manual,
            TriggerValue = "2026-03-01",
            FromVersion = 4,
            FromFingerprint = "sha256:aa",
            TargetVersion = 5,
            TargetFingerprint = "sha256:bb",
            Strategy = RotationStrategy.Immediate,
            GracePeriodSeconds = 0,
            StartedAt = DateTimeOffset.Parse("2026-03-01T10:00:00Z"),
            CommittedAt = DateTimeOffset.Parse("2026-03-01T10:00:02Z"),
            RetireAfter = DateTimeOffset.Parse("2026-03-01T10:00:02Z"),
            Restarts = [new RestartTarget { Kind = WorkloadKind.DaemonSet, Name = "agent" }],
            RestartsTriggeredAt = DateTimeOffset.Parse("2026-03-01T10:00:03Z"),
        };

        JsonObject json = RotationStateCodec.ToJson(state);
        RotationState back = RotationStateCodec.FromJson(json)!;

        Assert.Equal(state with { Restarts = null }, back with { Restarts = null });
        Assert.Equal(state.Restarts, back.Restarts);
        Assert.Equal("RestartsTriggered", json["phase"]!.GetValue<string>());
        Assert.Equal("2026-03-01T10:00:02Z", json["committedAt"]!.GetValue<string>());
        Assert.Equal("DaemonSet", json["restarts"]![0]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public void FromJson_MissingOrGarbage_IsNull()
    {
        Assert.Null(RotationStateCodec.FromJson(null));
        Assert.Null(RotationStateCodec.FromJson(new JsonObject { ["phase"] = "Exploded" }));
    }
}
