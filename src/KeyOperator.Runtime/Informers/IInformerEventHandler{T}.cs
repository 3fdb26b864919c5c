// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Informers;

/// <summary>
/// Receives cache changes (client-go tools/cache ResourceEventHandler). Calls are made one at a time from the
/// informer loop, so handlers must be quick: enqueue a key, do not reconcile. The objects are the cached
/// instances; they are immutable records and must be treated as shared.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public interface IInformerEventHandler<in T>
{
    /// <summary>An object appeared; <paramref name="isInInitialList"/> is true during the first LIST.</summary>
    void OnAdd(T obj, bool isInInitialList);

    /// <summary>An object changed (its resourceVersion differs).</summary>
    void OnUpdate(T oldObj, T newObj);

    /// <summary>
    /// An object disappeared. <paramref name="finalStateUnknown"/> is true when the delete was inferred from a relist
    /// (client-go DeletedFinalStateUnknown), in which case <paramref name="obj"/> is the last state we saw.
    /// </summary>
    void OnDelete(T obj, bool finalStateUnknown);
}
