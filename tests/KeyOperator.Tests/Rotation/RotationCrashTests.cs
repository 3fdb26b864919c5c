// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s.Models;
using KeyOperator.ControlPlane;
using KeyOperator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace KeyOperator.Tests.Rotation;

/// <summary>
/// The crash matrix of a rotation, end to end: a baseline rotation records the operator's writes; then one ApiKey
/// per write has exactly that write fail, or has the operator stopped right before it and a new one started. Every
/// case must end with exactly one rotation done and no Secret version that lost or blanked a key on the way.
/// </summary>
/// <remarks>The class has its own control plane and operator, because these tests stop and start the operator.</remarks>
public sealed class RotationCrashTests(OperatorFixture fixture, ITestOutputHelper output) : IClassFixture<OperatorFixture>
{
    private FaultInjector Faults => fixture.Environment.ControlPlane.Faults;

    [Theory]
    [InlineData("Overlapping")]
    [InlineData("Immediate")]
    public async Task EachRotationWrite_FailsInTurn_RotationFinishesOnceKeysIntact(string strategy)
    {
        IReadOnlyList<FaultRequest> writes = await RecordBaselineAsync(strategy);
        RotationCase[] cases = await Task.WhenAll(writes.Select(_ => RotationCase.PrepareAsync(fixture, strategy)));

        await using SecretHistory history = await SecretHistory.StartAsync(fixture.Environment.Client);
        FaultHandle[] faults = [.. cases.Select((c, i) => Faults.Fail(c.OperatorWrites, 500, count: 1, skip: i))];
        await Task.WhenAll(cases.Select(c => c.RequestRotationAsync()));
        await Task.WhenAll(cases.Select(c => c.WaitCompletedAsync()));

        for (int i = 0; i < cases.Length; i++)
        {
            Assert.True(faults[i].Failures == 1, $"write {i} ({Describe(writes[i])}) was never reached in {cases[i].Namespace}");
            await cases[i].AssertRotatedOnceAsync(history.Of(cases[i].Namespace, "api"));
        }
    }

    [Theory]
    [InlineData("Overlapping", false)]
    [InlineData("Immediate", true)]
    public async Task OperatorStopped_BeforeEachRotationWrite_NextOperatorFinishesOnce(string strategy, bool leaseLeftHeld)
    {
        IReadOnlyList<FaultRequest> writes = await RecordBaselineAsync(strategy);
        RotationCase[] cases = await Task.WhenAll(writes.Select(_ => RotationCase.PrepareAsync(fixture, strategy)));

        await using SecretHistory history = await SecretHistory.StartAsync(fixture.Environment.Client);

        // Case k lets k writes through and refuses every later one, so its rotation halts between step k and k+1.
        FaultHandle[] halts = [.. cases.Select((c, k) => Faults.Fail(c.OperatorWrites, 503, count: int.MaxValue, skip: k))];
        await Task.WhenAll(cases.Select(c => c.RequestRotationAsync()));
        Task all = Task.WhenAll(halts.Select(h => h.FirstFailure));
        Assert.True(await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(60))) == all, "every case should reach its halting write");

        if (leaseLeftHeld)
        {
            // As after a kill: the stopping operator cannot release its Lease, so the next one waits for it to expire.
            Faults.Fail(new FaultTarget { Verbs = FaultTarget.WriteVerbs, Resources = new HashSet<string> { "leases" } }, 503, count: int.MaxValue);
        }

        await fixture.Environment.StopOperatorAsync();
        Faults.Reset();
        V1Lease lease = await fixture.Environment.Client.ReadLeaderLeaseAsync();
        Assert.Equal(leaseLeftHeld, !string.IsNullOrEmpty(lease.Spec?.HolderIdentity));
        await fixture.Environment.StartOperatorAsync(CancellationToken.None);

        await Task.WhenAll(cases.Select(c => c.WaitCompletedAsync()));
        for (int k = 0; k < cases.Length; k++)
        {
            FaultRequest halted = await halts[k].FirstFailure;
            Assert.True(Describe(halted) == Describe(writes[k]), $"case {k} halted at {Describe(halted)}, the baseline's write {k} was {Describe(writes[k])}");
            await cases[k].AssertRotatedOnceAsync(history.Of(cases[k].Namespace, "api"));
        }
    }

    [Fact]
    public async Task OperatorProcessKilled_BeforeEachRotationWrite_NextOperatorFinishesOnce()
    {
        IReadOnlyList<FaultRequest> writes = await RecordBaselineAsync("Overlapping");
        RotationCase[] cases = await Task.WhenAll(writes.Select(_ => RotationCase.PrepareAsync(fixture, "Overlapping")));
        await using SecretHistory history = await SecretHistory.StartAsync(fixture.Environment.Client);

        // The rotations must be begun by the process that is killed, so the in-process operator hands over first.
        // Without it the webhook endpoint is gone too, hence no webhook configuration while the process runs.
        (await fixture.Kubectl.RunAsync("delete validatingwebhookconfigurations --all")).EnsureSuccess();
        await fixture.Environment.StopOperatorAsync();
        await using (OperatorProcess process = await OperatorProcess.StartAsync(fixture.Environment.KubeconfigPath))
        {
            FaultHandle[] halts = [.. cases.Select((c, k) => Faults.Fail(c.OperatorWrites, 503, count: int.MaxValue, skip: k))];
            await Task.WhenAll(cases.Select(c => c.RequestRotationAsync()));
            Task all = Task.WhenAll(halts.Select(h => h.FirstFailure));
            Assert.True(await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(90))) == all, "every case should reach its halting write:\n" + process.Output);

            await process.KillAsync();
            Faults.Reset();
            for (int k = 0; k < cases.Length; k++)
            {
                FaultRequest halted = await halts[k].FirstFailure;
                Assert.True(Describe(halted) == Describe(writes[k]), $"case {k} halted at {Describe(halted)}, the baseline's write {k} was {Describe(writes[k])}");
            }
        }

        V1Lease lease = await fixture.Environment.Client.ReadLeaderLeaseAsync();
        Assert.False(string.IsNullOrEmpty(lease.Spec?.HolderIdentity), "a killed operator cannot release its Lease");
        await fixture.Environment.StartOperatorAsync(CancellationToken.None);

        await Task.WhenAll(cases.Select(c => c.WaitCompletedAsync()));
        foreach (RotationCase rotation in cases)
        {
            await rotation.AssertRotatedOnceAsync(history.Of(rotation.Namespace, "api"));
        }
    }

    private static string Describe(FaultRequest write) => $"{write.Verb} {write.Resource}{(write.Subresource is null ? string.Empty : "/" + write.Subresource)}";

    // One undisturbed rotation, recorded: the writes it is made of, in order.
    private async Task<IReadOnlyList<FaultRequest>> RecordBaselineAsync(string strategy)
    {
        RotationCase baseline = await RotationCase.PrepareAsync(fixture, strategy);
        await using SecretHistory history = await SecretHistory.StartAsync(fixture.Environment.Client);
        using RequestRecording recording = Faults.Record(baseline.OperatorWrites);
        await baseline.RequestRotationAsync();
        await baseline.WaitCompletedAsync();
        await baseline.AssertRotatedOnceAsync(history.Of(baseline.Namespace, "api"));

        IReadOnlyList<FaultRequest> writes = recording.Requests;
        output.WriteLine($"{strategy} rotation, {writes.Count} writes: {string.Join(", ", writes.Select(Describe))}");
        Assert.Contains(writes, w => w.Resource == "secrets");
        Assert.Contains(writes, w => w.Resource == "deployments");
        Assert.Contains(writes, w => w.Resource == "configmaps");
        return writes;
    }
}
