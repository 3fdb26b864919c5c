// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Informers;

/// <summary>
/// Deep-copies cached objects on their way out of an <see cref="InformerCache{T}"/>. The library's models are mutable
/// classes with mutable collections, so without a copy one reconciler's change to an object it read would reach every
/// other reader of the cache (client-go asks callers to DeepCopy first and trusts them; here the cache does it).
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public interface IObjectCopier<T>
{
    /// <summary>Returns an object equal to <paramref name="obj"/> that shares nothing mutable with it.</summary>
    T DeepCopy(T obj);
}
