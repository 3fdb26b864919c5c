// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Informers;

namespace KeyOperator.Operator.Tests.Controllers.Fakes;

/// <summary>A source for informers that are never started: the reconciler tests only read their (empty) caches.</summary>
internal sealed class InertListWatchSource<T> : IListWatchSource<T>
    where T : class
{
    public Task<ListPage<T>> ListPageAsync(ListRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("This informer is not meant to run.");

    public IAsyncEnumerable<WatchEvent<T>> WatchAsync(WatchRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("This informer is not meant to run.");
}
