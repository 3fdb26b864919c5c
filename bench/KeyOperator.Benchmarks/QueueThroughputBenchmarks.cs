// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using BenchmarkDotNet.Attributes;
using KeyOperator.Runtime.Queue;

namespace KeyOperator.Benchmarks;

/// <summary>Add, hand out and complete 10,000 distinct keys, with one worker and with several.</summary>
[MemoryDiagnoser]
public class QueueThroughputBenchmarks
{
    private QueueKey[] _keys = [];

    [Params(10_000)]
    public int Keys { get; set; }

    [Params(1, 4)]
    public int Workers { get; set; }

    [GlobalSetup]
    public void Setup() => _keys = [.. Enumerable.Range(0, Keys).Select(static i => new QueueKey("ns", $"key-{i}"))];

    [Benchmark]
    public async Task AddGetDone()
    {
        await using var queue = new WorkQueue<QueueKey>(new WorkQueueOptions { Name = "bench" }, TimeProvider.System);
        foreach (var key in _keys)
        {
            queue.Add(key);
        }

        queue.ShutDown();
        var workers = new Task[Workers];
        for (var w = 0; w < Workers; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                while (true)
                {
                    var (key, shutdown) = await queue.GetAsync(CancellationToken.None);
                    if (shutdown)
                    {
                        return;
                    }

                    queue.Done(key);
                }
            });
        }

        await Task.WhenAll(workers);
    }

    [Benchmark]
    public async Task DuplicateAddsCollapse()
    {
        await using var queue = new WorkQueue<QueueKey>(new WorkQueueOptions { Name = "bench" }, TimeProvider.System);
        for (var round = 0; round < 4; round++)
        {
            foreach (var key in _keys)
            {
                queue.Add(key);
            }
        }

        queue.ShutDown();
        while (!(await queue.GetAsync(CancellationToken.None)).Shutdown)
        {
        }
    }
}
