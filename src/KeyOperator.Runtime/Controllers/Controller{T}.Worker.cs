// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Queue;

namespace KeyOperator.Runtime.Controllers;

/// <content>The worker loop and result handling (controller-runtime controller.go processNextWorkItem, reconcileHandler).</content>
public sealed partial class Controller<T>
{
    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            QueueKey key;
            try
            {
                (key, var shutdown) = await Queue.GetAsync(cancellationToken).ConfigureAwait(false);
                if (shutdown)
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await ReconcileKeyAsync(key, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Queue.Done(key);
            }
        }
    }

    // Internal for testing: one reconcile of one key with the result applied to the queue.
    internal async Task ReconcileKeyAsync(QueueKey key, CancellationToken cancellationToken)
    {
        var obj = _primary.Cache.Get(key);
        var started = _time.GetTimestamp();
        ReconcileResult result;
        try
        {
            result = await _reconciler.ReconcileAsync(new ReconcileRequest<T>(key, obj), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down (or leadership lost): the next leader relists and reconciles everything anyway.
            return;
        }
        catch (Exception ex)
        {
            result = ReconcileResult.Error(ex);
        }
        finally
        {
            _duration?.Observe(_time.GetElapsedTime(started).TotalSeconds);
        }

        switch (result.Outcome)
        {
            case ReconcileOutcome.Done:
                _success?.Inc();
                Queue.Forget(key);
                if (obj is null)
                {
                    Queue.Untrack(key);
                }

                break;
            case ReconcileOutcome.RequeueAfter:
                // controller-runtime forgets the failure history, then schedules the timed requeue.
                _requeueAfter?.Inc();
                Queue.Forget(key);
                Queue.AddAfter(key, result.Delay);
                break;
            default:
                if (_isConflict(result.Exception!))
                {
                    // A 409 means someone else wrote first: re-read and retry now, it is not a failure.
                    _requeue?.Inc();
                    ControllerLog.Conflict(_logger, Name, key.ToString());
                    Queue.Add(key);
                    break;
                }

                _errorTotal?.Inc();
                _errors?.Inc();
                ControllerLog.ReconcileFailed(_logger, result.Exception!, Name, key.ToString(), Queue.NumRequeues(key));
                Queue.AddRateLimited(key);
                break;
        }
    }
}
