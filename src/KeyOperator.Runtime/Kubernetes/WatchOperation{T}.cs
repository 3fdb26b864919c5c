// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Kubernetes;

/// <summary>
/// One of the library's generated watch operations (for example
/// <c>(c, onError, ct) =&gt; client.CoreV1.WatchListSecretForAllNamespacesAsync(allowWatchBookmarks: c.AllowWatchBookmarks, labelSelector: c.LabelSelector, resourceVersion: c.ResourceVersion, timeoutSeconds: c.TimeoutSeconds, onError: onError, cancellationToken: ct)</c>).
/// </summary>
/// <typeparam name="T">The model the events carry.</typeparam>
/// <param name="call">The query (<see cref="ListWatchCall.Watch"/> is true).</param>
/// <param name="onError">Where the library reports ERROR events and lines it cannot read; see <see cref="WatchStream"/>.</param>
/// <param name="cancellationToken">Closes the watch.</param>
/// <returns>The events as the library reads them.</returns>
public delegate IAsyncEnumerable<(k8s.WatchEventType Type, T Object)> WatchOperation<T>(ListWatchCall call, Action<Exception> onError, CancellationToken cancellationToken);
