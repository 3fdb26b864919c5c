// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Metrics;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace KeyOperator.Runtime.LeaderElection;

/// <summary>
/// Lease-based leader election with the semantics of client-go tools/leaderelection/leaderelection.go: acquire with
/// jittered retries, renew every retry period, give up when renewal keeps failing for the renew deadline, and judge
/// another holder's lease expired only by the local monotonic clock (time since we last saw the record change), so
/// clock skew between nodes does not matter. There is no fencing: resourceVersion preconditions on every write are
/// what keeps a deposed leader from doing damage during a hand-over.
/// </summary>
public sealed partial class LeaderElector : ILeaderElector
{
    private readonly ILeaseStore _store;
    private readonly LeaderElectionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IGauge? _status;
    private LeaseRecord? _observedRecord;
    private long _observedTime;
    private volatile bool _leading;
    private string? _reportedLeader;

    /// <summary>
    /// Creates an elector. <see cref="RuntimeServiceCollectionExtensions.AddKeyOperatorLeaderElection"/> validates the
    /// options when the host starts (leaseDuration &gt; renewDeadline &gt; 1.2 × retryPeriod); a direct caller passes valid ones.
    /// </summary>
    public LeaderElector(ILeaseStore store, LeaderElectionOptions options, TimeProvider timeProvider, ILogger<LeaderElector> logger, OperatorMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _options = options;
        _time = timeProvider;
        _logger = logger;
        _status = metrics?.LeaderStatus.WithLabels(options.LeaseName);
        _status?.Set(0);
    }

    /// <inheritdoc />
    public bool IsLeader => _leading;

    /// <summary>This candidate's identity.</summary>
    public string Identity => _options.Identity;

    // Internal for testing: the random source of the acquire jitter.
    internal Func<double> Random { get; set; } = System.Random.Shared.NextDouble;

    /// <inheritdoc />
    public async Task RunAsync(Func<CancellationToken, Task> onStartedLeading, Action onStoppedLeading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onStartedLeading);
        ArgumentNullException.ThrowIfNull(onStoppedLeading);
        try
        {
            if (!await AcquireAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            using var leadingCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var leading = RunLeadingAsync(onStartedLeading, leadingCts.Token);
            await RenewAsync(cancellationToken).ConfigureAwait(false);

            // Leadership ends here for both reasons (lost or shutting down): stop the work at once, and wait for it
            // before releasing, so a successor never overlaps with our in-flight writes.
            SetLeading(false);
            await leadingCts.CancelAsync().ConfigureAwait(false);
            await leading.ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested && _options.ReleaseOnCancel)
            {
                await ReleaseAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            SetLeading(false);
            onStoppedLeading();
        }
    }

    private async Task RunLeadingAsync(Func<CancellationToken, Task> onStartedLeading, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Run(() => onStartedLeading(cancellationToken), CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LeaderElectionLog.CallbackFailed(_logger, ex, _options.LeaseName);
        }
    }

    /// <summary>Tries until acquired (wait.JitterUntil with JitterFactor 1.2, sliding); false when cancelled.</summary>
    private async Task<bool> AcquireAsync(CancellationToken cancellationToken)
    {
        LeaderElectionLog.Acquiring(_logger, _options.Identity, _options.LeaseName);
        while (!cancellationToken.IsCancellationRequested)
        {
            bool? acquired = await TryOrStoppedAsync(cancellationToken).ConfigureAwait(false);
            if (acquired is null)
            {
                return false;
            }

            if (acquired.Value)
            {
                SetLeading(true);
                LeaderElectionLog.Acquired(_logger, _options.Identity, _options.LeaseName);
                return true;
            }

            var jitter = _options.RetryPeriod * (Random() * LeaderElectionOptionsValidator.JitterFactor);
            if (!await SleepAsync(_options.RetryPeriod + jitter, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// Renews every retry period; each renewal is retried every retry period until the renew deadline has passed
    /// (wait.PollImmediateUntil under a RenewDeadline timeout), after which leadership is lost. Returns when lost or
    /// cancelled.
    /// </summary>
    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!await SleepAsync(_options.RetryPeriod, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            var attemptStarted = _time.GetTimestamp();
            while (await TryOrStoppedAsync(cancellationToken).ConfigureAwait(false) is not true)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                if (_time.GetElapsedTime(attemptStarted) + _options.RetryPeriod > _options.RenewDeadline)
                {
                    LeaderElectionLog.Lost(_logger, _options.Identity, _options.LeaseName);
                    return;
                }

                if (!await SleepAsync(_options.RetryPeriod, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
    }

    // A stop that lands while a lease request is in flight is a stop, not a failure: returning null (rather than
    // letting the cancellation escape) keeps RunAsync on its path that cancels the leader's work, waits for it and
    // releases the Lease, so a successor takes over at once instead of waiting out the lease.
    private async Task<bool?> TryOrStoppedAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task<bool> SleepAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private void SetLeading(bool leading)
    {
        _leading = leading;
        _status?.Set(leading ? 1 : 0);
    }
}
