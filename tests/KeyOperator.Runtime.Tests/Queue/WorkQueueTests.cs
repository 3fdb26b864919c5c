// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Metrics;
using KeyOperator.Runtime.Queue;
using KeyOperator.Runtime.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace KeyOperator.Runtime.Tests.Queue;

public sealed class WorkQueueTests
{
    private static readonly QueueKey s_a = new("ns", "a");
    private static readonly QueueKey s_b = new("ns", "b");
    private static readonly QueueKey s_c = new("ns", "c");

    [Fact]
    public async Task Add_SameKeyTwiceWhileQueued_HandedOutOnce()
    {
        await using var queue = NewQueue(out _);
        queue.Add(s_a);
        queue.Add(s_a);
        queue.Add(s_b);

        Assert.Equal(2, queue.Count);
        Assert.Equal(s_a, (await queue.GetAsync(default)).Item);
        Assert.Equal(s_b, (await queue.GetAsync(default)).Item);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Add_WhileProcessing_NotHandedOutUntilDone()
    {
        await using var queue = NewQueue(out _);
        queue.Add(s_a);
        var (item, _) = await queue.GetAsync(default);

        queue.Add(s_a);
        var second = queue.GetAsync(default).AsTask();
        await Task.Delay(20);

        Assert.False(second.IsCompleted);
        Assert.Equal(0, queue.Count);
        queue.Done(item);
        Assert.Equal(s_a, (await second.WaitAsync(TimeSpan.FromSeconds(30))).Item);
    }

    [Fact]
    public async Task GetAsync_SameLane_FifoOrder()
    {
        await using var queue = NewQueue(out _);
        foreach (var key in new[] { s_c, s_a, s_b })
        {
            queue.Add(key);
        }

        Assert.Equal(s_c, (await queue.GetAsync(default)).Item);
        Assert.Equal(s_a, (await queue.GetAsync(default)).Item);
        Assert.Equal(s_b, (await queue.GetAsync(default)).Item);
    }

    [Fact]
    public async Task Add_NeverProcessedKey_GoesAheadOfProcessedKeys()
    {
        await using var queue = NewQueue(out _);
        queue.Add(s_a);
        var (item, _) = await queue.GetAsync(default);
        queue.Done(item);

        queue.Add(s_a);
        queue.Add(s_b);

        Assert.Equal(s_b, (await queue.GetAsync(default)).Item);
        Assert.Equal(s_a, (await queue.GetAsync(default)).Item);
    }

    [Fact]
    public async Task AddNew_KeyWaitingInNormalLane_PromotedToFront()
    {
        await using var queue = NewQueue(out _);
        foreach (var key in new[] { s_a, s_b })
        {
            queue.Add(key);
            queue.Done((await queue.GetAsync(default)).Item);
        }

        queue.Add(s_a);
        queue.Add(s_b);
        queue.AddNew(s_b);

        Assert.Equal(2, queue.Count);
        Assert.Equal(s_b, (await queue.GetAsync(default)).Item);
        Assert.Equal(s_a, (await queue.GetAsync(default)).Item);
    }

    [Fact]
    public async Task Untrack_ProcessedKey_TakesPriorityLaneAgain()
    {
        await using var queue = NewQueue(out _);
        foreach (var key in new[] { s_a, s_b })
        {
            queue.Add(key);
            queue.Done((await queue.GetAsync(default)).Item);
        }

        queue.Untrack(s_b);
        queue.Add(s_a);
        queue.Add(s_b);

        Assert.Equal(s_b, (await queue.GetAsync(default)).Item);
    }

    [Fact]
    public async Task GetAsync_ManyWorkersManyAdds_NeverProcessesOneKeyTwiceAtOnce()
    {
        await using var queue = NewQueue(out _);
        var keys = Enumerable.Range(0, 20).Select(static i => new QueueKey("ns", $"k{i}")).ToArray();
        var active = new int[keys.Length];
        var processed = 0;
        var violations = 0;
        using var stop = new CancellationTokenSource();

        var workers = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var (key, shutdown) = await queue.GetAsync(CancellationToken.None);
                if (shutdown)
                {
                    return;
                }

                var index = Array.IndexOf(keys, key);
                if (Interlocked.Increment(ref active[index]) != 1)
                {
                    Interlocked.Increment(ref violations);
                }

                await Task.Yield();
                Interlocked.Decrement(ref active[index]);
                Interlocked.Increment(ref processed);
                queue.Done(key);
            }
        })).ToArray();

        var producers = Enumerable.Range(0, 4).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                queue.Add(keys[(i * 7 + p) % keys.Length]);
            }
        })).ToArray();

        await Task.WhenAll(producers);
        await queue.ShutDownWithDrainAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, violations);
        Assert.InRange(processed, keys.Length, 80_000);
    }

    [Fact]
    public async Task ShutDown_ItemsStillQueued_HandedOutThenShutdown()
    {
        await using var queue = NewQueue(out _);
        queue.Add(s_a);
        queue.ShutDown();
        queue.Add(s_b);

        Assert.Equal((s_a, false), await queue.GetAsync(default));
        Assert.True((await queue.GetAsync(default)).Shutdown);
        Assert.True((await queue.GetAsync(default)).Shutdown);
    }

    [Fact]
    public async Task ShutDown_WorkersWaiting_AllWake()
    {
        await using var queue = NewQueue(out _);
        var waiting = Enumerable.Range(0, 3).Select(_ => queue.GetAsync(default).AsTask()).ToArray();

        queue.ShutDown();
        var results = await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(results, static r => Assert.True(r.Shutdown));
    }

    [Fact]
    public async Task ShutDownWithDrainAsync_ItemInFlight_CompletesOnlyAfterDone()
    {
        await using var queue = NewQueue(out _);
        queue.Add(s_a);
        var (item, _) = await queue.GetAsync(default);

        var drain = queue.ShutDownWithDrainAsync(CancellationToken.None);
        await Task.Delay(20);

        Assert.False(drain.IsCompleted);
        queue.Done(item);
        await drain.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Metrics_AddGetDone_ReportsAddsDepthAndDurations()
    {
        var time = new FakeTimeProvider();
        var metrics = new OperatorMetrics(Prometheus.Metrics.NewCustomRegistry());
        await using var queue = new WorkQueue<QueueKey>(new WorkQueueOptions { Name = "q" }, time, metrics.ForQueue("q"));
        queue.Add(s_a);
        queue.Add(s_b);
        var depthAfterAdds = metrics.QueueDepth.WithLabels("q").Value;

        time.Advance(TimeSpan.FromSeconds(2));
        var (item, _) = await queue.GetAsync(default);
        time.Advance(TimeSpan.FromSeconds(3));
        queue.Done(item);
        queue.AddRateLimited(s_c);

        Assert.Equal(2, depthAfterAdds);
        Assert.Equal(1, metrics.QueueDepth.WithLabels("q").Value);
        Assert.Equal(2, metrics.QueueAdds.WithLabels("q").Value);
        Assert.Equal(1, metrics.Retries.WithLabels("q").Value);
        Assert.Equal(2, metrics.QueueLatency.WithLabels("q").Sum);
        Assert.Equal(3, metrics.WorkDuration.WithLabels("q").Sum);
    }

    internal static WorkQueue<QueueKey> NewQueue(out FakeTimeProvider time) => NewQueue(out time, out _);

    /// <summary>A queue on a fake clock; <paramref name="timers"/> shows when its timer loop is armed.</summary>
    internal static WorkQueue<QueueKey> NewQueue(out FakeTimeProvider time, out TimerTrackingTimeProvider timers)
    {
        time = new FakeTimeProvider();
        timers = new TimerTrackingTimeProvider(time);
        return new WorkQueue<QueueKey>(new WorkQueueOptions { Name = "test" }, timers);
    }
}
