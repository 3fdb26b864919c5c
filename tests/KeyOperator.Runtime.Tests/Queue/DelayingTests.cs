// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Queue;
using KeyOperator.Runtime.Tests.TestSupport;

namespace KeyOperator.Runtime.Tests.Queue;

public sealed class DelayingTests
{
    private static readonly QueueKey s_a = new("ns", "a");
    private static readonly QueueKey s_b = new("ns", "b");

    [Fact]
    public async Task AddAfter_BeforeDeadline_NotQueued_AtDeadline_Queued()
    {
        await using var queue = WorkQueueTests.NewQueue(out var time);
        queue.AddAfter(s_a, TimeSpan.FromSeconds(10));

        time.Advance(TimeSpan.FromSeconds(9.999));
        await Task.Delay(20);
        Assert.Equal(0, queue.Count);
        Assert.Equal(1, queue.DelayedCount);

        time.Advance(TimeSpan.FromMilliseconds(1));
        await Wait.UntilAsync(() => queue.Count == 1, "item due at 10 s");
        Assert.Equal(s_a, (await queue.GetAsync(default)).Item);
    }

    [Fact]
    public async Task AddAfter_SameKeyTwice_EarliestDeadlineWins()
    {
        await using var queue = WorkQueueTests.NewQueue(out var time);
        queue.AddAfter(s_a, TimeSpan.FromSeconds(30));
        queue.AddAfter(s_a, TimeSpan.FromSeconds(5));
        queue.AddAfter(s_a, TimeSpan.FromSeconds(60));

        Assert.Equal(1, queue.DelayedCount);
        time.Advance(TimeSpan.FromSeconds(5));
        await Wait.UntilAsync(() => queue.Count == 1, "earliest deadline");
        await queue.GetAsync(default);
        time.Advance(TimeSpan.FromSeconds(60));
        await Task.Delay(20);
        Assert.Equal(0, queue.Count);
        Assert.Equal(0, queue.DelayedCount);
    }

    [Fact]
    public async Task AddAfter_EarlierKeyAddedLater_RearmsTimer()
    {
        await using var queue = WorkQueueTests.NewQueue(out var time);
        queue.AddAfter(s_a, TimeSpan.FromMinutes(10));
        await Task.Delay(20);
        queue.AddAfter(s_b, TimeSpan.FromSeconds(1));

        time.Advance(TimeSpan.FromSeconds(1));

        await Wait.UntilAsync(() => queue.Count == 1, "re-armed for the earlier key");
        Assert.Equal(s_b, (await queue.GetAsync(default)).Item);
        Assert.Equal(1, queue.DelayedCount);
    }

    [Fact]
    public async Task AddAfter_ZeroDelay_AddsNow()
    {
        await using var queue = WorkQueueTests.NewQueue(out _);
        queue.AddAfter(s_a, TimeSpan.Zero);

        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task AddAfter_10000Keys_ReleasedInDeadlineOrder()
    {
        await using var queue = WorkQueueTests.NewQueue(out var time);
        var random = new Random(42);
        var delays = new Dictionary<QueueKey, TimeSpan>();
        for (var i = 0; i < 10_000; i++)
        {
            var key = new QueueKey("ns", $"k{i}");
            delays[key] = TimeSpan.FromMilliseconds(random.Next(1, 1_000_000));
            queue.AddAfter(key, delays[key]);
        }

        time.Advance(TimeSpan.FromSeconds(1001));
        await Wait.UntilAsync(() => queue.Count == 10_000, "all deadlines passed");

        var previous = TimeSpan.Zero;
        for (var i = 0; i < 10_000; i++)
        {
            var (key, _) = await queue.GetAsync(default);
            Assert.True(delays[key] >= previous, $"{key} came out of deadline order");
            previous = delays[key];
        }
    }

    [Fact]
    public async Task AddAfter_StepwiseTime_EachKeyReleasedAtItsOwnDeadline()
    {
        await using var queue = WorkQueueTests.NewQueue(out var time);
        for (var i = 1; i <= 5; i++)
        {
            queue.AddAfter(new QueueKey("ns", $"k{i}"), TimeSpan.FromSeconds(i));
        }

        for (var i = 1; i <= 5; i++)
        {
            // Small steps, not one jump: the queue's timer loop may compute its delay just before an Advance and arm
            // it just after, and a fake clock only fires it on a later Advance (the real clock has no such gap).
            await Wait.AdvanceUntilAsync(time, TimeSpan.FromMilliseconds(100), () => queue.Count == 1, maxSteps: 20);
            Assert.Equal(new QueueKey("ns", $"k{i}"), (await queue.GetAsync(default)).Item);
        }
    }

    [Fact]
    public async Task AddRateLimited_RepeatedFailures_BackOffExponentially()
    {
        await using var queue = WorkQueueTests.NewQueue(out var time);
        queue.AddRateLimited(s_a);
        queue.AddRateLimited(s_a);
        Assert.Equal(2, queue.NumRequeues(s_a));

        time.Advance(TimeSpan.FromMilliseconds(4));
        await Task.Delay(20);
        Assert.Equal(0, queue.Count);

        // First retry after 5 ms: advance in 1 ms steps (see RequeueAfter test above for why not one jump).
        await Wait.AdvanceUntilAsync(time, TimeSpan.FromMilliseconds(1), () => queue.Count == 1, maxSteps: 20);

        queue.Forget(s_a);
        Assert.Equal(0, queue.NumRequeues(s_a));
    }

    [Fact]
    public async Task DeadlineHeap_10000RandomDeadlines_PopsInOrder()
    {
        var heap = new DeadlineHeap<int>();
        var random = new Random(7);
        for (var i = 0; i < 10_000; i++)
        {
            heap.AddOrMoveEarlier(i, random.Next(0, 1000));
        }

        for (var i = 0; i < 10_000; i += 3)
        {
            heap.AddOrMoveEarlier(i, -1);
        }

        long previous = long.MinValue;
        var count = 0;
        while (heap.Count > 0)
        {
            heap.TryPeek(out _, out var deadline);
            Assert.True(deadline >= previous);
            previous = deadline;
            heap.Pop();
            count++;
        }

        Assert.Equal(10_000, count);
        await Task.CompletedTask;
    }
}
