// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Rotation;
using KeyOperator.Operator.RotationPolicies;

namespace KeyOperator.Operator.Tests.Rotation;

public sealed class RotationPlannerTests
{
    private static readonly DateTimeOffset s_start = DateTimeOffset.Parse("2026-03-01T00:00:00Z");

    [Fact]
    public void NextStep_NoKeyIssued_Waits()
    {
        var observed = new RotationObservation { ApiKeyName = "api", Uid = "u", RotateAnnotation = "now" };

        RotationAction action = RotationPlanner.NextStep(observed, PolicyFactory.Create(every: "1h"), s_start, TimeSpan.FromMinutes(1));

        Assert.Equal(RotationPlanner.NoKeyReason, Assert.IsType<RotationAction.Wait>(action).Reason);
    }

    [Fact]
    public void NextStep_NotDue_WaitsUntilNextRotation()
    {
        var world = new RotationWorld(s_start, PolicyFactory.Create(every: "24h"));

        var wait = Assert.IsType<RotationAction.Wait>(world.Plan());

        Assert.Equal((s_start.AddDays(1), RotationPlanner.NotDueReason), (wait.RequeueAt, wait.Reason));
    }

    [Fact]
    public void NextStep_Due_StartsRotationForNextVersion()
    {
        var world = new RotationWorld(s_start, PolicyFactory.Create(every: "24h", gracePeriod: "30m")) { Now = s_start.AddDays(1) };

        RotationState state = Assert.IsType<RotationAction.PersistState>(world.Plan()).NextState;

        Assert.Equal(RotationPhase.Pending, state.Phase);
        Assert.Equal(RotationTrigger.Schedule, state.Trigger);
        Assert.Equal((1, 2), (state.FromVersion, state.TargetVersion));
        Assert.Equal(RotationWorld.Fingerprint("m1"), state.FromFingerprint);
        Assert.Equal(1800, state.GracePeriodSeconds);
    }

    [Fact]
    public void NextStep_ExpiryFirst_RecordsExpiryTrigger()
    {
        var world = new RotationWorld(s_start, PolicyFactory.Create(every: "2160h", maxAge: "720h")) { Now = s_start.AddDays(20) };

        Assert.Equal(RotationTrigger.Expiry, Assert.IsType<RotationAction.PersistState>(world.Plan()).NextState.Trigger);
    }

    [Fact]
    public void NextStep_MissedManyRotationsWhileDown_RotatesOnceThenWaitsForNextInterval()
    {
        var world = new RotationWorld(s_start, PolicyFactory.Create(every: "24h", strategy: RotationStrategy.Immediate))
        {
            Now = s_start.AddDays(10).AddMinutes(17),
        };

        RotationCrashTests.Run(world);

        Assert.Equal(2, world.Status.CurrentVersion);
        var wait = Assert.IsType<RotationAction.Wait>(world.Plan());
        Assert.Equal(world.Status.LastRotationTime!.Value.AddDays(1), wait.RequeueAt);
        Assert.Equal(wait.RequeueAt, world.Status.NextRotationTime);
    }

    [Fact]
    public void NextStep_RequeueFiresMillisecondsBeforeStoredSecond_StillRotates()
    {
        // Regression for cert-manager's skipped renewal: next time is stored at whole seconds, the timer fires 4 ms
        // early, and a strict "now >= next" says not due; if nothing requeues, the rotation never happens.
        var world = new RotationWorld(s_start.AddMilliseconds(650), PolicyFactory.Create(every: "1h"));
        var wait = Assert.IsType<RotationAction.Wait>(world.Plan());
        world.Now = wait.RequeueAt!.Value.AddMilliseconds(-4);

        Assert.IsType<RotationAction.PersistState>(world.Plan());
    }

    [Fact]
    public void NextStep_ManualAnnotation_RotatesOncePerValue()
    {
        var world = new RotationWorld(s_start, policy: null) { RotateAnnotation = "2026-03-01" };

        RotationCrashTests.Run(world);
        Assert.Equal(2, world.Status.CurrentVersion);
        Assert.Equal("2026-03-01", world.Status.LastRotateAnnotation);

        // GitOps re-applies the same value: nothing happens.
        Assert.Equal(RotationPlanner.NoScheduleReason, Assert.IsType<RotationAction.Wait>(world.Plan()).Reason);

        world.RotateAnnotation = "2026-03-02";
        RotationState next = Assert.IsType<RotationAction.PersistState>(world.Plan()).NextState;
        Assert.Equal((RotationTrigger.Manual, "2026-03-02", 3), (next.Trigger, next.TriggerValue, next.TargetVersion));
    }

    [Fact]
    public void NextStep_ManualRotation_IgnoresMinimumInterval()
    {
        var world = new RotationWorld(s_start, PolicyFactory.Create(every: "24h")) { RotateAnnotation = "x", Now = s_start.AddSeconds(1) };

        Assert.Equal(RotationTrigger.Manual, Assert.IsType<RotationAction.PersistState>(world.Plan()).NextState.Trigger);
    }

    [Fact]
    public void NextStep_GracePeriod_WaitsThenRetires()
    {
        var world = new RotationWorld(s_start, policy: null) { RotateAnnotation = "go" };
        StepUntilPhase(world, RotationPhase.RestartsTriggered);

        var wait = Assert.IsType<RotationAction.Wait>(world.Plan());
        Assert.Equal(RotationPlanner.GracePeriodReason, wait.Reason);
        Assert.Equal(world.State!.CommittedAt!.Value.AddHours(1), wait.RequeueAt);

        world.Now = wait.RequeueAt!.Value;
        var retire = Assert.IsType<RotationAction.RetirePrevious>(world.Plan());
        Assert.Equal(1, retire.PreviousVersion);
        Assert.True(retire.SecretHasPrevious);
    }

    [Fact]
    public void NextStep_RevokePreviousDuringGrace_RetiresAtOnce()
    {
        var world = new RotationWorld(s_start, policy: null) { RotateAnnotation = "go" };
        StepUntilPhase(world, RotationPhase.RestartsTriggered);

        world.RevokePreviousAnnotation = "leaked-2026-03-01";

        Assert.IsType<RotationAction.RetirePrevious>(world.Plan());
    }

    [Fact]
    public void NextStep_RevokeValueAlreadyPresentAtStart_DoesNotCutNextGrace()
    {
        var world = new RotationWorld(s_start, policy: null) { RotateAnnotation = "go", RevokePreviousAnnotation = "old" };
        StepUntilPhase(world, RotationPhase.RestartsTriggered);

        Assert.IsType<RotationAction.Wait>(world.Plan());
    }

    [Fact]
    public void NextStep_NewManualRequestDuringGrace_RetiresPreviousThenRotatesAgain()
    {
        var world = new RotationWorld(s_start, policy: null) { RotateAnnotation = "one" };
        StepUntilPhase(world, RotationPhase.RestartsTriggered);

        world.RotateAnnotation = "two";
        Assert.IsType<RotationAction.RetirePrevious>(world.Step());
        Assert.IsType<RotationAction.PersistState>(world.Step());
        RotationState next = Assert.IsType<RotationAction.PersistState>(world.Plan()).NextState;

        Assert.Equal((RotationPhase.Pending, 3, "two"), (next.Phase, next.TargetVersion, next.TriggerValue));
    }

    [Fact]
    public void NextStep_CrashBetweenMintAndSecretWrite_MintsAgainForSameVersion()
    {
        var world = new RotationWorld(s_start, policy: null) { RotateAnnotation = "go" };
        world.Step();
        world.Step();
        Assert.Equal(RotationPhase.KeyMinted, world.State!.Phase);
        world.CrashAtWrite = world.Writes + 1;
        Assert.Throws<RotationWorld.SimulatedCrashException>(world.Step);

        var remint = Assert.IsType<RotationAction.MintKey>(world.Plan());

        Assert.Equal(2, remint.TargetVersion);
        RotationCrashTests.Run(world);
        Assert.Equal(["m1", "m2", "m3"], world.MintedMaterials);
        Assert.DoesNotContain(world.SecretHistory, s => s.Current == "m2");
        Assert.Equal("m3", world.Secret.Current);
    }

    [Fact]
    public void NextStep_CrashAfterSecretWrite_CommitsWithoutMintingAgain()
    {
        var world = new RotationWorld(s_start, policy: null) { RotateAnnotation = "go" };
        world.Step();
        world.Step();
        Assert.IsType<RotationAction.WriteSecret>(world.Step());
        world.CrashAtWrite = world.Writes + 1;
        Assert.Throws<RotationWorld.SimulatedCrashException>(world.Step);

        Assert.IsType<RotationAction.CommitStatus>(world.Plan());
        RotationCrashTests.Run(world);
        Assert.Equal(["m1", "m2"], world.MintedMaterials);
    }

    [Fact]
    public void NextStep_SecretChangedByOthersBeforeStart_IsBlocked()
    {
        var world = new RotationWorld(s_start, policy: null) { RotateAnnotation = "go" };
        world.SecretHistory.Add(new RotationWorld.SecretSnapshot(1, "tampered", null, "someone"));

        Assert.Equal(RotationPlanner.SecretOutOfSyncReason, Assert.IsType<RotationAction.Blocked>(world.Plan()).Reason);
    }

    [Fact]
    public void NextStep_SecretDeletedDuringRotation_IsBlockedNotReminted()
    {
        var world = new RotationWorld(s_start, policy: null) { RotateAnnotation = "go" };
        world.Step();
        world.Step();
        RotationObservation observed = world.Observe() with { Secret = SecretObservation.Missing };

        RotationAction action = RotationPlanner.NextStep(observed, null, world.Now, TimeSpan.FromMinutes(1));

        Assert.Equal(RotationPlanner.SecretMissingReason, Assert.IsType<RotationAction.Blocked>(action).Reason);
    }

    [Fact]
    public void NextStep_SecretLostNewKeyBeforeRetire_KeepsPrevious()
    {
        var world = new RotationWorld(s_start, policy: null) { RotateAnnotation = "go", RevokePreviousAnnotation = null };
        StepUntilPhase(world, RotationPhase.RestartsTriggered);
        world.SecretHistory.Add(new RotationWorld.SecretSnapshot(1, "m1", null, "restore-from-backup"));
        world.Now = world.Now.AddDays(1);

        Assert.Equal(RotationPlanner.SecretOutOfSyncReason, Assert.IsType<RotationAction.Blocked>(world.Plan()).Reason);
    }

    [Fact]
    public void NextStep_OtherWriterPublishedTargetVersion_AdoptsPublishedKey()
    {
        var world = new RotationWorld(s_start, policy: null) { RotateAnnotation = "go" };
        world.Step();
        world.Step();
        world.SecretHistory.Add(new RotationWorld.SecretSnapshot(2, "other-leader", "m1", "other-leader"));

        RotationState adopted = Assert.IsType<RotationAction.PersistState>(world.Plan()).NextState;

        Assert.Equal(RotationWorld.Fingerprint("other-leader"), adopted.TargetFingerprint);
        world.Execute(new RotationAction.PersistState(adopted));
        Assert.IsType<RotationAction.CommitStatus>(world.Plan());
    }

    [Fact]
    public void NextStep_SecondKeyAlreadyRestartedSharedWorkload_DoesNotRestartAgain()
    {
        // Keys A and B both restart "web". A's controller merged B's committed version into the annotation when it
        // restarted "web", so B's planner finds its restart done and records it without a second rollout.
        var web = new RestartTarget { Kind = WorkloadKind.Deployment, Name = "web" };
        var world = new RotationWorld(s_start, policy: null, web) { RotateAnnotation = "go" };
        StepUntilPhase(world, RotationPhase.StatusCommitted);
        world.Workloads[web] = RestartAnnotation.Merge(null, [new("other", 7), new("api", 2)]);

        RotationState next = Assert.IsType<RotationAction.PersistState>(world.Plan()).NextState;

        Assert.Equal(RotationPhase.RestartsTriggered, next.Phase);
        Assert.Equal([web], next.Restarts);
    }

    [Fact]
    public void NextStep_RestartTargets_AsksForEachMissingOneWithVersion()
    {
        var a = new RestartTarget { Kind = WorkloadKind.Deployment, Name = "a" };
        var b = new RestartTarget { Kind = WorkloadKind.StatefulSet, Name = "b" };
        var world = new RotationWorld(s_start, policy: null, a, b) { RotateAnnotation = "go" };
        StepUntilPhase(world, RotationPhase.StatusCommitted);
        world.Workloads[a] = RestartAnnotation.Merge(null, [new("api", 2)]);

        var restart = Assert.IsType<RotationAction.TriggerRestarts>(world.Plan());

        Assert.Equal([b], restart.Targets);
        Assert.Equal(("api", 2), (restart.ApiKeyName, restart.Version));
    }

    [Fact]
    public void NextStep_PolicyChangedMidRotation_KeepsStrategyOfStart()
    {
        var world = new RotationWorld(s_start, PolicyFactory.Create(every: "24h", gracePeriod: "2h")) { RotateAnnotation = "go" };
        StepUntilPhase(world, RotationPhase.RestartsTriggered);
        world.Policy = PolicyFactory.Create(every: "24h", strategy: RotationStrategy.Immediate);

        Assert.Equal(RotationPlanner.GracePeriodReason, Assert.IsType<RotationAction.Wait>(world.Plan()).Reason);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void NextStep_StatusMovedOnBeforeSecretWrite_AbandonsUnpublishedRotation(int steps)
    {
        var world = new RotationWorld(s_start, policy: null) { RotateAnnotation = "go" };
        for (int i = 0; i < steps; i++)
        {
            world.Step();
        }

        world.Status.CurrentVersion = 2;
        world.Status.CurrentFingerprint = "sha256:reissued";

        RotationState done = Assert.IsType<RotationAction.PersistState>(world.Plan()).NextState;

        Assert.Equal(RotationPhase.Done, done.Phase);
    }

    [Fact]
    public void NextStep_StatusMovedOnAfterSecretWrite_IsBlocked()
    {
        var world = new RotationWorld(s_start, policy: null) { RotateAnnotation = "go" };
        world.Step();
        world.Step();
        world.Step();
        world.Status.CurrentVersion = 7;

        Assert.Equal(RotationPlanner.StatusConflictReason, Assert.IsType<RotationAction.Blocked>(world.Plan()).Reason);
    }

    [Fact]
    public void CommitStatus_WithMaxAge_SetsNotAfterAndNextRotation()
    {
        var world = new RotationWorld(s_start, PolicyFactory.Create(maxAge: "720h")) { RotateAnnotation = "go" };
        world.Step();
        world.Step();
        world.Step();

        RotationCommit commit = Assert.IsType<RotationAction.CommitStatus>(world.Plan()).Commit;

        Assert.Equal(SecondPrecision.Truncate(world.Now), commit.RotatedAt);
        Assert.Equal(commit.RotatedAt.AddDays(30), commit.NotAfter);
        Assert.Equal(commit.RotatedAt.AddDays(20), commit.NextRotationTime);
        Assert.Equal("go", commit.LastRotateAnnotation);
        Assert.Equal(commit.RotatedAt.AddHours(1), commit.State.RetireAfter);
    }

    private static void StepUntilPhase(RotationWorld world, RotationPhase phase)
    {
        for (int i = 0; i < 20 && world.State?.Phase != phase; i++)
        {
            world.Step();
        }

        Assert.Equal(phase, world.State?.Phase);
    }
}
