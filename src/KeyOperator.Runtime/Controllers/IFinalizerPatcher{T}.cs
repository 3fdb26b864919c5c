// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Controllers;

/// <summary>
/// Writes one finalizer key on an object. Implementations must touch only the given key: a JSON patch guarded by
/// the object's resourceVersion (or a re-read plus update), never a whole-list overwrite from a stale copy, because
/// other actors own other keys and may reorder the list.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public interface IFinalizerPatcher<T>
    where T : class
{
    /// <summary>Adds <paramref name="finalizer"/> and returns the updated object.</summary>
    Task<T> AddFinalizerAsync(T obj, string finalizer, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="finalizer"/>; returns the updated object, or null if the object is now gone.</summary>
    Task<T?> RemoveFinalizerAsync(T obj, string finalizer, CancellationToken cancellationToken);
}
