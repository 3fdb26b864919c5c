// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s.Models;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers;
using KeyOperator.Operator.Controllers.Restarts;
using KeyOperator.Operator.Rotation;

namespace KeyOperator.Operator.Tests.Controllers;

public sealed class RestartBatchTests
{
    private static readonly DateTimeOffset Committed = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly RestartTarget Web = new() { Kind = WorkloadKind.Deployment, Name = "web" };
    private static readonly RestartTarget Worker = new() { Kind = WorkloadKind.Deployment, Name = "worker" };
    private static readonly RestartBatchOptions Options = new() { Settle = TimeSpan.FromSeconds(2), MaxWait = TimeSpan.FromSeconds(30), Poll = TimeSpan.FromSeconds(1) };

    [Fact]
    public void DeferUntil_WithinSettle_WaitsForTheSettleEnd()
    {
        DateTimeOffset? until = RestartBatch.DeferUntil("team", "a", [Web], [], Committed, Committed.AddSeconds(1), Options);

        Assert.Equal(Committed.AddSeconds(2), until);
    }

    [Fact]
    public void DeferUntil_AfterSettleNoPartners_RestartsNow()
    {
        Assert.Null(RestartBatch.DeferUntil("team", "a", [Web], [Key("b", Web), Key("c", Worker, manual: "x")], Committed, Committed.AddSeconds(2), Options));
    }

    [Theory]
    [InlineData("manual")]
    [InlineData("due")]
    [InlineData("pending")]
    [InlineData("minted")]
    public void DeferUntil_PartnerAboutToRotate_PollsAgain(string partner)
    {
        ApiKey other = partner switch
        {
            "manual" => Key("b", Web, manual: "now"),
            "due" => Key("b", Web, next: Committed),
            "pending" => Key("b", Web, phase: RotationPhase.Pending),
            _ => Key("b", Web, phase: RotationPhase.KeyMinted),
        };

        DateTimeOffset? until = RestartBatch.DeferUntil("team", "a", [Web], [other], Committed, Committed.AddSeconds(5), Options);

        Assert.Equal(Committed.AddSeconds(6), until);
    }

    [Theory]
    [InlineData("StatusCommitted")]
    [InlineData("RestartsTriggered")]
    [InlineData("Done")]
    public void DeferUntil_PartnerAlreadyCommitted_RestartsNowAndCoversIt(string phaseName)
    {
        RotationPhase phase = Enum.Parse<RotationPhase>(phaseName);
        // A committed partner is merged into this restart's annotation (WorkloadRestarter), so there is nothing to wait for.
        Assert.Null(RestartBatch.DeferUntil("team", "a", [Web], [Key("b", Web, phase: phase)], Committed, Committed.AddSeconds(3), Options));
    }

    [Fact]
    public void DeferUntil_PartnerStuckPastMaxWait_RestartsAnyway()
    {
        ApiKey stuck = Key("b", Web, phase: RotationPhase.Pending);

        Assert.Equal(Committed.AddSeconds(30), RestartBatch.DeferUntil("team", "a", [Web], [stuck], Committed, Committed.AddSeconds(29.5), Options));
        Assert.Null(RestartBatch.DeferUntil("team", "a", [Web], [stuck], Committed, Committed.AddSeconds(30), Options));
    }

    [Fact]
    public void DeferUntil_PartnerInOtherNamespaceOrDeletingOrNew_Ignored()
    {
        ApiKey elsewhere = Key("b", Web, manual: "now") with { Metadata = new V1ObjectMeta { Name = "b", NamespaceProperty = "other", Annotations = new Dictionary<string, string> { ["keyoperator.io/rotate"] = "now" } } };
        ApiKey deleting = Key("c", Web, manual: "now");
        deleting = deleting with { Metadata = deleting.Metadata with { DeletionTimestamp = Committed.UtcDateTime } };
        ApiKey fresh = Key("d", Web, manual: "now") with { Status = null };

        Assert.Null(RestartBatch.DeferUntil("team", "a", [Web], [elsewhere, deleting, fresh], Committed, Committed.AddSeconds(3), Options));
    }

    [Fact]
    public void DeferUntil_NoCommitTimeOrNoTargets_RestartsNow()
    {
        Assert.Null(RestartBatch.DeferUntil("team", "a", [Web], [], null, Committed, Options));
        Assert.Null(RestartBatch.DeferUntil("team", "a", [], [Key("b", Web, manual: "now")], Committed, Committed, Options));
    }

    private static ApiKey Key(string name, RestartTarget target, string? manual = null, DateTimeOffset? next = null, RotationPhase? phase = null)
    {
        ApiKeyStatus status = new()
        {
            CurrentVersion = 1,
            LastRotateAnnotation = "handled",
            NextRotationTime = next ?? Committed.AddHours(1),
            Rotation = phase is { } p ? RotationStateCodec.ToJson(new RotationState { Phase = p, TargetVersion = 2, FromVersion = 1 }) : null,
        };
        return new ApiKey(metadata: new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "team",
            Annotations = new Dictionary<string, string> { ["keyoperator.io/rotate"] = manual ?? "handled" },
        }, spec: new ApiKeySpec { RestartTargets = [target] }) { Status = status };
    }
}
