// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using BenchmarkDotNet.Attributes;
using KeyOperator.Runtime.Queue;
using Microsoft.Extensions.Time.Testing;

namespace KeyOperator.Benchmarks;

/// <summary>
/// Timed requeues at 10,000 keys: scheduling cost (one heap, no timer per key) and the latency from all deadlines
/// passing to every key being handed out by the single timer loop.
/// </summary>
[MemoryDiagnoser]
public class TimedRequeueBenchmarks
{
    private QueueKey[] _keys = [];
    private TimeSpan[] _delays = [];

    [Params(10_000)]
    public int Keys { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _keys = [.. Enumerable.Range(0, Keys).Select(static i => new QueueKey("ns", $"key-{i}"))];
        _delays = [.. _keys.Select(_ => TimeSpan.FromSeconds(random.Next(1, 3600)))];
    }

    [Benchmark]
    public async Task<int> ScheduleAll()
    {
        await using var queue = new WorkQueue<QueueKey>(new WorkQueueOptions { Name = "bench" }, new FakeTimeProvider());
        for (var i = 0; i < _keys.Length; i++)
        {
            queue.AddAfter(_keys[i], _delays[i]);
        }

        return queue.DelayedCount;
    }

    [Benchmark]
    public async Task ScheduleThenReleaseAll()
    {
        var time = new FakeTimeProvider();
        await using var queue = new WorkQueue<QueueKey>(new WorkQueueOptions { Name = "bench" }, time);
        for (var i = 0; i < _keys.Length; i++)
        {
            queue.AddAfter(_keys[i], _delays[i]);
        }

        time.Advance(TimeSpan.FromHours(1));
        for (var i = 0; i < _keys.Length; i++)
        {
            var (key, _) = await queue.GetAsync(CancellationToken.None);
            queue.Done(key);
        }
    }

    [Benchmark]
    public async Task RealClockShortDelays()
    {
        await using var queue = new WorkQueue<QueueKey>(new WorkQueueOptions { Name = "bench" }, TimeProvider.System);
        for (var i = 0; i < _keys.Length; i++)
        {
            queue.AddAfter(_keys[i], TimeSpan.FromMilliseconds(1 + (i % 10)));
        }

        for (var i = 0; i < _keys.Length; i++)
        {
            var (key, _) = await queue.GetAsync(CancellationToken.None);
            queue.Done(key);
        }
    }
}
