// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Informers;
using KeyOperator.Runtime.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KeyOperator.Runtime.Tests.Informers;

/// <summary>An informer over a scripted source and a fake clock, with jitter fixed at zero.</summary>
internal sealed class InformerFixture : IAsyncDisposable
{
    public InformerFixture(InformerOptions? options = null, params TestObject[] objects)
    {
        Source = new FakeListWatchSource { Objects = [.. objects] };
        Timers = new TimerTrackingTimeProvider(Time);
        Informer = new Informer<TestObject>(Source, TestObjectAccessor.Instance, options ?? new InformerOptions { Name = "test", PageSize = 2 }, Timers, NullLogger<Informer<TestObject>>.Instance)
        {
            Random = static () => 0,
        };
        Informer.AddHandler(Handler);
    }

    public FakeTimeProvider Time { get; } = new();

    /// <summary>The informer's view of <see cref="Time"/>: shows when its backoff and watchdog timers are armed.</summary>
    public TimerTrackingTimeProvider Timers { get; }

    public FakeListWatchSource Source { get; }

    public Informer<TestObject> Informer { get; }

    public RecordingHandler Handler { get; } = new();

    public async Task<FakeWatch> StartAsync()
    {
        await Informer.StartAsync(CancellationToken.None);
        await Informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        return await Source.NextWatchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Informer.StopAsync(CancellationToken.None);
        Informer.Dispose();
    }
}
