// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Collections.Concurrent;
using KeyOperator.Runtime.Events;
using KeyOperator.Runtime.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KeyOperator.Runtime.Tests.Events;

public sealed class EventRecorderTests
{
    private static readonly ObjectReference s_key = new("keyoperator.io/v1", "ApiKey", "ns", "key", "uid-1");

    [Fact]
    public async Task Record_RepeatedEvent_CreatesThenUpdatesSeries()
    {
        var sink = new FakeSink();
        using var recorder = new EventRecorder(sink, new EventRecorderOptions(), new FakeTimeProvider(), NullLogger<EventRecorder>.Instance);
        await recorder.StartAsync(default);

        recorder.Record(s_key, EventTypes.Normal, "KeyRotated", "Rotate", "rotated");
        recorder.Record(s_key, EventTypes.Normal, "KeyRotated", "Rotate", "rotated");

        await Wait.UntilAsync(() => sink.Calls.Count == 2, "two writes");
        Assert.Equal(["create KeyRotated 1", "update KeyRotated 2"], sink.Calls);
        await recorder.StopAsync(default);
    }

    [Fact]
    public async Task Record_SinkFails_NeverThrowsAndUpdateFallsBackToCreate()
    {
        var sink = new FakeSink { FailUpdates = true, FailCreates = 1 };
        using var recorder = new EventRecorder(sink, new EventRecorderOptions(), new FakeTimeProvider(), NullLogger<EventRecorder>.Instance);
        await recorder.StartAsync(default);

        recorder.Record(s_key, EventTypes.Warning, "ProviderDown", "Rotate", "down");
        recorder.Record(s_key, EventTypes.Warning, "ProviderDown", "Rotate", "down");

        await Wait.UntilAsync(() => sink.Calls.Count == 3, "create failed, update failed, create retried");
        Assert.Equal(["create ProviderDown 1 failed", "update ProviderDown 2 failed", "create ProviderDown 2"], sink.Calls);
        await recorder.StopAsync(default);
    }

    [Fact]
    public async Task Record_InvalidInput_IsDroppedAndLaterEventsStillGoOut()
    {
        var sink = new FakeSink();
        using var recorder = new EventRecorder(sink, new EventRecorderOptions(), new FakeTimeProvider(), NullLogger<EventRecorder>.Instance);
        await recorder.StartAsync(default);

        // Recording never throws into a reconcile, whatever it is given.
        Assert.Null(Record.Exception(() => recorder.Record(null!, EventTypes.Normal, "Invalid", "A", "n")));
        recorder.Record(new ObjectReference("v1", "ConfigMap", "ns", "cm", "uid-1"), EventTypes.Normal, "Valid", "A", "n");

        await Wait.UntilAsync(() => !sink.Calls.IsEmpty, "the valid event");
        Assert.Equal(["create Valid 1"], sink.Calls);
        await recorder.StopAsync(default);
    }

    private sealed class FakeSink : IEventSink
    {
        private int _failCreates;

        public bool FailUpdates { get; init; }

        public int FailCreates
        {
            init => _failCreates = value;
        }

        public ConcurrentQueue<string> Calls { get; } = new();

        public Task CreateAsync(EventRecord record, CancellationToken cancellationToken)
        {
            if (Interlocked.Decrement(ref _failCreates) >= 0)
            {
                Calls.Enqueue($"create {record.Reason} {record.Count} failed");
                throw new IOException("apiserver down");
            }

            Calls.Enqueue($"create {record.Reason} {record.Count}");
            return Task.CompletedTask;
        }

        public Task UpdateSeriesAsync(EventRecord record, CancellationToken cancellationToken)
        {
            if (FailUpdates)
            {
                Calls.Enqueue($"update {record.Reason} {record.Count} failed");
                throw new IOException("not found");
            }

            Calls.Enqueue($"update {record.Reason} {record.Count}");
            return Task.CompletedTask;
        }
    }
}
