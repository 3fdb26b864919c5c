// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KeyOperator.Runtime.Events;

/// <summary>
/// Correlates events as they are recorded and writes them from a background loop, so a slow or failing API server
/// never delays or fails a reconcile. When the queue is full, new events are dropped (client-go's broadcaster does
/// the same); a failed write is logged and dropped.
/// </summary>
public sealed partial class EventRecorder : BackgroundService, IEventRecorder
{
    private readonly Channel<(EventRecord Record, bool IsUpdate)> _pending;
    private readonly EventCorrelator _correlator;
    private readonly IEventSink _sink;
    private readonly ILogger _logger;

    /// <summary>Creates the recorder; it writes once started as a hosted service.</summary>
    public EventRecorder(IEventSink sink, EventRecorderOptions options, TimeProvider timeProvider, ILogger<EventRecorder> logger)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _sink = sink;
        _logger = logger;
        _correlator = new EventCorrelator(options, timeProvider);
        _pending = Channel.CreateBounded<(EventRecord, bool)>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        });
    }

    /// <inheritdoc />
    public void Record(ObjectReference regarding, string type, string reason, string action, string note)
    {
        try
        {
            ArgumentNullException.ThrowIfNull(regarding);
            var record = _correlator.Correlate(regarding, type, reason, action, note, out var isUpdate);
            if (record is not null && !_pending.Writer.TryWrite((record, isUpdate)))
            {
                Log.Dropped(_logger, reason);
            }
        }
        catch (Exception ex)
        {
            Log.RecordFailed(_logger, ex, reason);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (record, isUpdate) in _pending.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await WriteAsync(record, isUpdate, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task WriteAsync(EventRecord record, bool isUpdate, CancellationToken cancellationToken)
    {
        try
        {
            if (isUpdate)
            {
                try
                {
                    await _sink.UpdateSeriesAsync(record, cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The first occurrence may have expired on the server (events live about an hour): create it again.
                }
            }

            await _sink.CreateAsync(record, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.WriteFailed(_logger, ex, record.Reason);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(3500, LogLevel.Warning, "Event queue full, dropped an event with reason {Reason}", EventName = "EventDropped")]
        public static partial void Dropped(ILogger logger, string reason);

        [LoggerMessage(3501, LogLevel.Warning, "Could not write an event with reason {Reason}", EventName = "EventWriteFailed")]
        public static partial void WriteFailed(ILogger logger, Exception exception, string reason);

        [LoggerMessage(3502, LogLevel.Warning, "Could not record an event with reason {Reason}", EventName = "EventRecordFailed")]
        public static partial void RecordFailed(ILogger logger, Exception exception, string reason);
    }
}
