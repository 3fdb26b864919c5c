// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Informers;

/// <summary>The LIST and WATCH calls of one resource, as an informer needs them (client-go tools/cache ListerWatcher).</summary>
/// <typeparam name="T">The object type.</typeparam>
public interface IListWatchSource<T>
    where T : class
{
    /// <summary>
    /// Lists one page. Throws <see cref="ResourceExpiredException"/> when the server answers 410 Gone (an expired
    /// resourceVersion or continue token).
    /// </summary>
    Task<ListPage<T>> ListPageAsync(ListRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Watches from <see cref="WatchRequest.ResourceVersion"/>. The sequence ends when the server closes the watch.
    /// A 410 Gone (as an HTTP status or as an ERROR event) surfaces as <see cref="ResourceExpiredException"/>.
    /// </summary>
    IAsyncEnumerable<WatchEvent<T>> WatchAsync(WatchRequest request, CancellationToken cancellationToken);
}
