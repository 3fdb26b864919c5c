// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Controllers;

/// <summary>What a reconcile asks the controller to do next.</summary>
public enum ReconcileOutcome
{
    /// <summary>Converged: forget the failure history; the next event triggers the next reconcile.</summary>
    Done,

    /// <summary>Converged for now; reconcile again after a delay (for example at the next rotation time).</summary>
    RequeueAfter,

    /// <summary>Failed: retry with the rate limiter's backoff.</summary>
    Error,
}
