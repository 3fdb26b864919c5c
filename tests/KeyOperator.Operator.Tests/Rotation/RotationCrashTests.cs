// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Rotation;
using KeyOperator.Operator.RotationPolicies;

namespace KeyOperator.Operator.Tests.Rotation;

/// <summary>
/// Exhaustive crash table: a whole rotation is run with the process crashing (or one write failing) at write k, for
/// every k, and the invariants of "nothing lost" are checked on every version the Secret ever had.
/// </summary>
public sealed class RotationCrashTests
{
    private static readonly DateTimeOffset s_start = DateTimeOffset.Parse("2026-03-01T00:00:00Z");

    public static TheoryData<string, int, bool, int, bool> Cases()
    {
        var data = new TheoryData<string, int, bool, int, bool>();
        foreach (string strategy in new[] { "Overlapping", "Immediate" })
        {
            foreach (int restartTargets in new[] { 0, 2 })
            {
                foreach (bool manual in new[] { false, true })
                {
                    // 12 covers every write of the longest run (10 writes) plus "no crash at all".
                    for (int crashAt = 0; crashAt <= 12; crashAt++)
                    {
                        data.Add(strategy, restartTargets, manual, crashAt, false);
                        if (crashAt > 0)
                        {
                            data.Add(strategy, restartTargets, manual, crashAt, true);
                        }
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rotation_CrashOrFailureAtAnyWrite_ResumesAndKeepsInvariants(string strategy, int restartTargets, bool manual, int writeIndex, bool processSurvives)
    {
        RotationStrategy parsed = Enum.Parse<RotationStrategy>(strategy);
        EffectiveRotationPolicy? policy = manual ? null : PolicyFactory.Create(every: "24h", gracePeriod: "10m", strategy: parsed);
        RestartTarget[] targets = Enumerable.Range(0, restartTargets)
            .Select(i => new RestartTarget { Kind = WorkloadKind.Deployment, Name = "web-" + i })
            .ToArray();
        var world = new RotationWorld(s_start, policy, targets)
        {
            Now = s_start.AddHours(1),
            CrashAtWrite = processSurvives ? 0 : writeIndex,
            FailAtWrite = processSurvives ? writeIndex : 0,
            RotateAnnotation = manual ? "r1" : null,
        };

        Run(world);

        AssertInvariants(world, manual ? TimeSpan.FromHours(1) : parsed == RotationStrategy.Immediate ? TimeSpan.Zero : TimeSpan.FromMinutes(10));
        Assert.Equal(manual ? "r1" : null, world.Status.LastRotateAnnotation);
        RotationAction after = world.Plan();
        Assert.IsType<RotationAction.Wait>(after);
    }

    internal static void Run(RotationWorld world, int maxSteps = 100)
    {
        DateTimeOffset? lastRequeue = null;
        for (int i = 0; i < maxSteps; i++)
        {
            RotationAction action;
            try
            {
                action = world.Step();
            }
            catch (RotationWorld.SimulatedCrashException)
            {
                continue;
            }

            if (action is not RotationAction.Wait wait)
            {
                continue;
            }

            bool rotated = world.Status.CurrentVersion > 1;
            if (wait.RequeueAt is null || (rotated && world.State is { InProgress: false }))
            {
                return;
            }

            // A planner that answers "not yet" at the time it asked to be woken would never rotate (cert-manager's bug).
            Assert.NotEqual(lastRequeue, wait.RequeueAt);
            lastRequeue = wait.RequeueAt;

            // Timers fire a little early, and status keeps whole seconds.
            world.Now = wait.RequeueAt.Value.AddMilliseconds(-3);
        }

        Assert.Fail("the rotation did not finish in " + maxSteps + " steps");
    }

    internal static void AssertInvariants(RotationWorld world, TimeSpan gracePeriod)
    {
        const string OldMaterial = "m1";

        // 1. Never an empty Secret.
        Assert.All(world.SecretHistory, s => Assert.False(string.IsNullOrEmpty(s.Current)));

        // 2. The old key stays in the Secret (current or previous) until the retire step removes it.
        int firstWithoutOld = world.SecretHistory.FindIndex(s => s.Current != OldMaterial && s.Previous != OldMaterial);
        Assert.True(firstWithoutOld > 0, "the previous key was never retired");
        Assert.All(world.SecretHistory.Skip(firstWithoutOld), s => Assert.Equal(nameof(RotationAction.RetirePrevious), s.WrittenBy));

        // 3. Exactly one new key is ever published, under exactly the next version number.
        Assert.Single(world.SecretHistory.Where(s => s.Version == 2).Select(s => s.Current).Distinct());
        Assert.All(world.SecretHistory, s => Assert.InRange(s.Version, 1, 2));

        // 4. Converged: status, Secret and key list agree; the rotation is done.
        RotationState state = world.State!;
        Assert.Equal(RotationPhase.Done, state.Phase);
        Assert.Equal(2, world.Status.CurrentVersion);
        Assert.Equal(RotationWorld.Fingerprint(world.Secret.Current), world.Status.CurrentFingerprint);
        Assert.Null(world.Secret.Previous);
        Assert.Equal(KeyVersionState.Retired, world.Status.Keys[1]);
        Assert.Equal(KeyVersionState.Current, world.Status.Keys[2]);

        // 5. Make before break: the old key outlived the commit by the grace period.
        Assert.True(state.PreviousRetiredAt - state.CommittedAt >= gracePeriod - SecondPrecision.DueTolerance);

        // 6. Every restart target was restarted exactly once, and the restarts are recorded.
        Assert.All(world.RestartCounts.Values, count => Assert.Equal(1, count));
        Assert.Equal(world.RestartTargets.Count, state.Restarts?.Count ?? 0);
    }
}
