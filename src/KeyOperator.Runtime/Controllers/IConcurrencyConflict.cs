// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Controllers;

/// <summary>
/// Marks an exception as an optimistic-concurrency conflict (HTTP 409 on a stale resourceVersion). The client's
/// conflict exception implements it, or the host passes its own predicate to the controller; either way the
/// controller requeues the key at once and does not count an error (as cert-manager does).
/// </summary>
public interface IConcurrencyConflict
{
}
