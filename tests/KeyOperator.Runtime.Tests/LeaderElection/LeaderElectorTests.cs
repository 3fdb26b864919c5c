// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.LeaderElection;
using KeyOperator.Runtime.Metrics;
using KeyOperator.Runtime.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KeyOperator.Runtime.Tests.LeaderElection;

public sealed class LeaderElectorTests
{
    private static readonly TimeSpan s_tick = TimeSpan.FromMilliseconds(100);

    // The fake clock moves in 100 ms ticks, and only while every elector waits on it (see TickAsync), so the
    // electors see exactly the protocol timing they would with instant steps. The second of slack absorbs the tick
    // granularity; it is a bound on protocol steps in fake time, not a real-time performance target.
    private static readonly TimeSpan s_tickSlack = TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryLeaseStore _store = new();
    private readonly List<Candidate> _candidates = [];

    [Fact]
    public async Task RunAsync_NoLease_CreatesItAndLeads()
    {
        var a = new Candidate(this, "a");

        await AdvanceUntilAsync(() => a.Elector.IsLeader);

        Assert.Equal("a", _store.Current!.HolderIdentity);
        Assert.Equal(15, _store.Current.LeaseDurationSeconds);
        Assert.Equal(0, _store.Current.LeaseTransitions);

        // The elector starts the leader callback on its own task, after it became leader.
        await Wait.UntilAsync(() => a.Started == 1, "leader callback started");
        await a.StopAsync();
        Assert.Equal(1, a.Started);
    }

    [Fact]
    public async Task RunAsync_Leading_RenewsEveryRetryPeriodKeepingAcquireTime()
    {
        var a = new Candidate(this, "a");
        await AdvanceUntilAsync(() => a.Elector.IsLeader);
        var acquired = _store.Current!;

        await TicksAsync(50);

        Assert.Equal(acquired.AcquireTime, _store.Current!.AcquireTime);
        Assert.True(_store.Current.RenewTime > acquired.RenewTime);
        Assert.Equal(0, _store.Current.LeaseTransitions);
        await a.StopAsync();
    }

    [Fact]
    public async Task LeaderStopsWithoutRelease_OtherTakesOverAfterExpiry_NeverBothLeading()
    {
        var a = new Candidate(this, "a", releaseOnCancel: false);
        await AdvanceUntilAsync(() => a.Elector.IsLeader);
        var b = new Candidate(this, "b");
        await TicksAsync(100);
        Assert.False(b.Elector.IsLeader);

        await a.StopAsync();
        var stoppedAt = _time.GetUtcNow();
        await AdvanceUntilAsync(() => b.Elector.IsLeader);

        // B must first see the lease unchanged for a full lease duration, measured from its last observation of a
        // renewal (at most one retry period old), and acts on its next retry.
        var options = new LeaderElectionOptions();
        Assert.True(_time.GetUtcNow() - stoppedAt <= options.LeaseDuration + (2 * options.RetryPeriod) + s_tickSlack);
        Assert.True(_time.GetUtcNow() - stoppedAt >= options.LeaseDuration - options.RetryPeriod);
        Assert.Equal("b", _store.Current!.HolderIdentity);
        Assert.Equal(1, _store.Current.LeaseTransitions);
        await b.StopAsync();
    }

    [Fact]
    public async Task LeaderShutsDownGracefully_ReleasesSoOtherTakesOverOnNextRetry()
    {
        var a = new Candidate(this, "a");
        await AdvanceUntilAsync(() => a.Elector.IsLeader);
        var b = new Candidate(this, "b");
        await TicksAsync(30);

        await a.StopAsync();
        Assert.Equal(string.Empty, _store.Current!.HolderIdentity);
        var releasedAt = _time.GetUtcNow();
        await AdvanceUntilAsync(() => b.Elector.IsLeader);

        Assert.True(_time.GetUtcNow() - releasedAt <= new LeaderElectionOptions().RetryPeriod + s_tickSlack);
        Assert.Equal(1, a.Stopped);
        await b.StopAsync();
    }

    [Fact]
    public async Task LeaderPartitioned_StopsLeadingBeforeOtherTakesOver()
    {
        var a = new Candidate(this, "a");
        await AdvanceUntilAsync(() => a.Elector.IsLeader);
        var b = new Candidate(this, "b");
        await TicksAsync(30);

        _store.FailFor = "a";
        await AdvanceUntilAsync(() => b.Elector.IsLeader);

        // Between ticks a has run to the end, since an elector that stopped leading arms no timer.
        Assert.False(a.Elector.IsLeader);
        Assert.True(a.Run.IsCompleted);
        Assert.Equal(1, a.Stopped);
        Assert.True(a.LeadingTokenCancelled);
        await b.StopAsync();
    }

    [Fact]
    public async Task Metrics_LeaderStatusFollowsLeadership()
    {
        var metrics = new OperatorMetrics(Prometheus.Metrics.NewCustomRegistry());
        var a = new Candidate(this, "a", metrics: metrics);
        var gauge = metrics.LeaderStatus.WithLabels("key-operator-leader");

        await AdvanceUntilAsync(() => a.Elector.IsLeader);
        Assert.Equal(1, gauge.Value);
        await a.StopAsync();
        Assert.Equal(0, gauge.Value);
    }

    [Theory]
    [InlineData(15, 10, 2, true)]
    [InlineData(60, 40, 15, true)]
    [InlineData(10, 10, 2, false)]
    [InlineData(15, 2.4, 2, false)]
    [InlineData(15, 10, 0, false)]
    [InlineData(15.5, 10, 2, false)]
    public void Validate_LeaseOverRenewOverJitteredRetry(double lease, double renew, double retry, bool valid)
    {
        var options = new LeaderElectionOptions
        {
            LeaseDuration = TimeSpan.FromSeconds(lease),
            RenewDeadline = TimeSpan.FromSeconds(renew),
            RetryPeriod = TimeSpan.FromSeconds(retry),
        };

        Assert.Equal(valid, new LeaderElectionOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void AddKeyOperatorLeaderElection_RenewDeadlineAboveLease_FailsAtStart()
    {
        using ServiceProvider provider = new ServiceCollection()
            .AddKeyOperatorLeaderElection(static o => o.RenewDeadline = TimeSpan.FromSeconds(20))
            .BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("LeaseDuration", ex.Message, StringComparison.Ordinal);
    }

    private async Task TicksAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await TickAsync();
        }
    }

    private async Task AdvanceUntilAsync(Func<bool> condition)
    {
        await SettledAsync();
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await TickAsync();
        }

        Assert.True(condition(), "not reached within 60 s of fake time");
    }

    /// <summary>
    /// Advances the clock one tick, then waits until every elector has acted on it. A tick taken while an elector is
    /// still busy would let fake time run ahead of it, like a paused process, and a starved leader then misses its
    /// renewals: the test would see a protocol bug that is only a slow test machine.
    /// </summary>
    private async Task TickAsync()
    {
        _time.Advance(s_tick);
        await SettledAsync();
    }

    private async Task SettledAsync()
    {
        await Wait.UntilAsync(() => _candidates.TrueForAll(static c => c.IsWaitingOnClock), "every elector waits on the clock");
        Assert.True(_candidates.Count(static c => c.Elector.IsLeader) <= 1, "two leaders at once");
    }

    private sealed class Candidate
    {
        private readonly CancellationTokenSource _stop = new();
        private int _started;
        private int _stopped;
        private volatile bool _leadingTokenCancelled;

        public Candidate(LeaderElectorTests test, string identity, bool releaseOnCancel = true, OperatorMetrics? metrics = null)
        {
            var options = new LeaderElectionOptions { Identity = identity, ReleaseOnCancel = releaseOnCancel };
            Timers = new TimerTrackingTimeProvider(test._time);
            Elector = new LeaderElector(test._store, options, Timers, NullLogger<LeaderElector>.Instance, metrics) { Random = static () => 0 };
            test._candidates.Add(this);
            Run = Task.Run(() => Elector.RunAsync(
                async token =>
                {
                    Interlocked.Increment(ref _started);
                    try
                    {
                        await Task.Delay(Timeout.Infinite, token);
                    }
                    finally
                    {
                        _leadingTokenCancelled = token.IsCancellationRequested;
                    }
                },
                () => Interlocked.Increment(ref _stopped),
                _stop.Token));
        }

        public LeaderElector Elector { get; }

        public Task Run { get; }

        public TimerTrackingTimeProvider Timers { get; }

        /// <summary>Done, or parked on its retry or renew timer: the elector's only waits on the clock.</summary>
        public bool IsWaitingOnClock => Run.IsCompleted || Timers.ArmedCount > 0;

        public int Started => Volatile.Read(ref _started);

        public int Stopped => Volatile.Read(ref _stopped);

        public bool LeadingTokenCancelled => _leadingTokenCancelled;

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await Run.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}
