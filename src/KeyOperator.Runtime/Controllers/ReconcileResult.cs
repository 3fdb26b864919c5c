// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Controllers;

/// <summary>The result of one reconcile: <see cref="Done"/>, <see cref="RequeueAfter"/> or <see cref="Error"/>.</summary>
public sealed record ReconcileResult
{
    private ReconcileResult(ReconcileOutcome outcome, TimeSpan delay, Exception? exception)
    {
        Outcome = outcome;
        Delay = delay;
        Exception = exception;
    }

    /// <summary>Converged; nothing to retry.</summary>
    public static ReconcileResult Done { get; } = new(ReconcileOutcome.Done, TimeSpan.Zero, null);

    /// <summary>The outcome.</summary>
    public ReconcileOutcome Outcome { get; }

    /// <summary>The requeue delay of <see cref="ReconcileOutcome.RequeueAfter"/>.</summary>
    public TimeSpan Delay { get; }

    /// <summary>The failure of <see cref="ReconcileOutcome.Error"/>; it is logged, so it must not carry secret values.</summary>
    public Exception? Exception { get; }

    /// <summary>Reconcile again after <paramref name="delay"/> (client-go AddAfter; the earliest pending deadline wins).</summary>
    public static ReconcileResult RequeueAfter(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new(ReconcileOutcome.RequeueAfter, delay, null);
    }

    /// <summary>Failed; the key is retried with exponential backoff (AddRateLimited).</summary>
    public static ReconcileResult Error(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new(ReconcileOutcome.Error, TimeSpan.Zero, exception);
    }
}
