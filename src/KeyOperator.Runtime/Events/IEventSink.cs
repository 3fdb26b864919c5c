// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Events;

/// <summary>Writes events to the API server (implemented over the Kubernetes client).</summary>
public interface IEventSink
{
    /// <summary>Creates the event.</summary>
    Task CreateAsync(EventRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Updates the series (count and lastObservedTime) of an event created earlier under the same name. May throw if
    /// the event expired on the server; the recorder then creates it again.
    /// </summary>
    Task UpdateSeriesAsync(EventRecord record, CancellationToken cancellationToken);
}
