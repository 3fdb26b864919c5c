// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Kubernetes;
using KeyOperator.Runtime.LeaderElection;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyOperator.Runtime.IntegrationTests;

/// <summary>
/// One runtime instance competing for a real Lease; while leading it "runs controllers" (a callback that lasts
/// until leadership ends), tracked in <see cref="LeadershipMonitor"/> so overlaps are caught exactly.
/// </summary>
internal sealed class LeaderCandidate : IDisposable
{
    public const string LeaseName = "keyop-integration";

    private readonly CancellationTokenSource _stop = new();
    private readonly LeadershipMonitor _monitor;
    private Task _run = Task.CompletedTask;
    private volatile bool _running;

    public LeaderCandidate(TestCluster cluster, string identity, LeaderElectionOptions timing, bool releaseOnCancel, LeadershipMonitor monitor)
    {
        _monitor = monitor;
        var options = new LeaderElectionOptions
        {
            LeaseName = LeaseName,
            Identity = identity,
            LeaseDuration = timing.LeaseDuration,
            RenewDeadline = timing.RenewDeadline,
            RetryPeriod = timing.RetryPeriod,
            ReleaseOnCancel = releaseOnCancel,
        };
        Elector = new LeaderElector(new KubernetesLeaseStore(cluster.Client, cluster.Namespace, LeaseName), options, TimeProvider.System, NullLogger<LeaderElector>.Instance);
    }

    public LeaderElector Elector { get; }

    /// <summary>True while the leader callback (the controllers) runs.</summary>
    public bool Running => _running;

    public void Start() => _run = Elector.RunAsync(RunControllersAsync, static () => { }, _stop.Token);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _run;
    }

    /// <summary>Cleanup after a failed test: a stop racing a renewal may throw (the skipped defect test), which
    /// must not hide the original failure.</summary>
    public async Task StopQuietlyAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose() => _stop.Dispose();

    private async Task RunControllersAsync(CancellationToken cancellationToken)
    {
        _monitor.Enter();
        _running = true;
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _running = false;
            _monitor.Exit();
        }
    }
}
