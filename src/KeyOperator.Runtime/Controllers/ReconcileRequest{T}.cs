// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Queue;

namespace KeyOperator.Runtime.Controllers;

/// <summary>What to reconcile: the key, and the cached object or null when it no longer exists.</summary>
/// <typeparam name="T">The primary object type.</typeparam>
/// <param name="Key">The namespace and name.</param>
/// <param name="Object">The object from the informer cache (shared and immutable), or null if it is gone.</param>
public sealed record ReconcileRequest<T>(QueueKey Key, T? Object)
    where T : class;
