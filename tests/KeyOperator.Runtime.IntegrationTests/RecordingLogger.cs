// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace KeyOperator.Runtime.IntegrationTests;

/// <summary>Keeps the event ids an informer logged, so a test can tell a normal reconnect from a failure.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(EventId Id, LogLevel Level, Exception? Exception)> Entries { get; } = new();

    public bool Has(string eventName) => Entries.Any(e => e.Id.Name == eventName);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((eventId, logLevel, exception));
}
