// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.LeaderElection;

/// <content>The lease read-modify-write steps (leaderelection.go tryAcquireOrRenew and release).</content>
public sealed partial class LeaderElector
{
    private bool HoldsObservedLease =>
        string.Equals(_observedRecord?.HolderIdentity, _options.Identity, StringComparison.Ordinal);

    /// <summary>
    /// One attempt: fast-path renew when we lead and our lease is still valid; otherwise read, create if missing,
    /// back off if someone else holds an unexpired lease, else take it over (incrementing leaseTransitions unless it
    /// was ours) with an update conditional on the resourceVersion we read.
    /// </summary>
    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var desired = new LeaseRecord
        {
            HolderIdentity = _options.Identity,
            LeaseDurationSeconds = (int)_options.LeaseDuration.TotalSeconds,
            AcquireTime = now,
            RenewTime = now,
        };

        try
        {
            if (_leading && HoldsObservedLease && IsObservedLeaseValid())
            {
                var renewed = desired with
                {
                    AcquireTime = _observedRecord!.AcquireTime,
                    LeaseTransitions = _observedRecord.LeaseTransitions,
                    ResourceVersion = _observedRecord.ResourceVersion,
                };
                if (await TryUpdateAsync(renewed, cancellationToken).ConfigureAwait(false))
                {
                    return true;
                }
            }

            var current = await _store.GetAsync(cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                Observe(await _store.CreateAsync(desired, cancellationToken).ConfigureAwait(false));
                return true;
            }

            if (!Equals(current, _observedRecord))
            {
                // Expiry is measured from when WE saw the record change, on our monotonic clock, never from the
                // renewTime written by another node's clock.
                Observe(current);
            }

            if (!string.IsNullOrEmpty(current.HolderIdentity) && IsObservedLeaseValid() && !HoldsObservedLease)
            {
                return false;
            }

            var takeOver = HoldsObservedLease
                ? desired with { AcquireTime = current.AcquireTime, LeaseTransitions = current.LeaseTransitions }
                : desired with { LeaseTransitions = current.LeaseTransitions + 1 };
            return await TryUpdateAsync(takeOver with { ResourceVersion = current.ResourceVersion }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LeaderElectionLog.AttemptFailed(_logger, ex, _options.LeaseName);
            return false;
        }
    }

    private async Task<bool> TryUpdateAsync(LeaseRecord record, CancellationToken cancellationToken)
    {
        try
        {
            Observe(await _store.UpdateAsync(record, cancellationToken).ConfigureAwait(false));
            return true;
        }
        catch (LeaseConflictException)
        {
            return false;
        }
    }

    private bool IsObservedLeaseValid() =>
        _observedRecord is { } record && _time.GetElapsedTime(_observedTime) < TimeSpan.FromSeconds(record.LeaseDurationSeconds);

    private void Observe(LeaseRecord record)
    {
        _observedRecord = record;
        _observedTime = _time.GetTimestamp();
        if (!string.IsNullOrEmpty(record.HolderIdentity) && !string.Equals(record.HolderIdentity, _reportedLeader, StringComparison.Ordinal))
        {
            _reportedLeader = record.HolderIdentity;
            LeaderElectionLog.NewLeader(_logger, _options.LeaseName, record.HolderIdentity);
        }
    }

    /// <summary>
    /// Empties the holder (leaderelection.go release): a successor sees no holder and takes over on its next try
    /// instead of waiting out the lease. Only done while we still hold the lease we observed.
    /// </summary>
    private async Task ReleaseAsync()
    {
        if (!HoldsObservedLease)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var released = new LeaseRecord
        {
            HolderIdentity = string.Empty,
            LeaseDurationSeconds = 1,
            AcquireTime = now,
            RenewTime = now,
            LeaseTransitions = _observedRecord!.LeaseTransitions,
            ResourceVersion = _observedRecord.ResourceVersion,
        };

        // Shutdown is already requested, so this write gets its own short deadline instead of the cancelled token.
        using var timeout = new CancellationTokenSource(_options.RenewDeadline, _time);
        try
        {
            if (await TryUpdateAsync(released, timeout.Token).ConfigureAwait(false))
            {
                LeaderElectionLog.Released(_logger, _options.Identity, _options.LeaseName);
            }
        }
        catch (Exception ex)
        {
            LeaderElectionLog.AttemptFailed(_logger, ex, _options.LeaseName);
        }
    }
}
