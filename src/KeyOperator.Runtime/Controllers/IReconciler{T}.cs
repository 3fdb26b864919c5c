// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Controllers;

/// <summary>
/// Drives one object toward its spec. Level-based: it must read the current state and act on it, never on the event
/// that caused the call, because events are collapsed and may be missed. Never called twice at once for one key.
/// </summary>
/// <typeparam name="T">The primary object type.</typeparam>
public interface IReconciler<T>
    where T : class
{
    /// <summary>
    /// Reconciles <paramref name="request"/>. Throwing is the same as returning <see cref="ReconcileResult.Error"/>,
    /// except for conflicts (409), which requeue at once without counting as errors.
    /// </summary>
    Task<ReconcileResult> ReconcileAsync(ReconcileRequest<T> request, CancellationToken cancellationToken);
}
