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
        await using var queue = WorkQueueTests.NewQueue(out var time, out var timers);
        var due = time.GetUtcNow() + TimeSpan.FromSeconds(10);
        queue.AddAfter(s_a, TimeSpan.FromSeconds(10));
        await Wait.UntilArmedAsync(timers, due);

        time.Advance(TimeSpan.FromSeconds(9.999));
        await Task.Delay(20);
        Assert.Equal(0, queue.Count);
        Assert.Equal(1, queue.DelayedCount);

        time.Advance(TimeSpan.FromMilliseconds(1));
        await Wait.UntilAsync(() => queue.Count == 1, "item due at 10 s");
        Assert.Equal(s_a, (await queue.GetAsync(default)).Item);
    }

    [Fact]
    public async Task AddAfter_DeadlineUnderOneMillisecondAway_WaitsOnOneTimerWithoutSpinning()
    {
        await using var queue = WorkQueueTests.NewQueue(out var time, out var timers);
        queue.AddAfter(s_a, TimeSpan.FromMilliseconds(0.4));
        await Wait.UntilArmedAsync(timers, time.GetUtcNow() + TimeSpan.FromMilliseconds(1));

        // Timers truncate to whole milliseconds: a 0.4 ms wait used to fire at once, find nothing due and loop,
        // creating timers as fast as the loop could run until the clock moved.
        await Task.Delay(50);
        Assert.Equal(1, timers.CreatedCount);
        Assert.Equal(0, queue.Count);

        time.Advance(TimeSpan.FromMilliseconds(1));
        await Wait.UntilAsync(() => queue.Count == 1, "item due after 0.4 ms");
    }

    [Fact]
    public async Task AddAfter_SameKeyTwice_EarliestDeadlineWins()
    {
        await using var queue = WorkQueueTests.NewQueue(out var time, out var timers);
        var start = time.GetUtcNow();
        queue.AddAfter(s_a, TimeSpan.FromSeconds(30));
        queue.AddAfter(s_a, TimeSpan.FromSeconds(5));
        queue.AddAfter(s_a, TimeSpan.FromSeconds(60));

        Assert.Equal(1, queue.DelayedCount);
        await Wait.UntilArmedAsync(timers, start + TimeSpan.FromSeconds(5));
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
        await using var queue = WorkQueueTests.NewQueue(out var time, out var timers);
        var start = time.GetUtcNow();
        queue.AddAfter(s_a, TimeSpan.FromMinutes(10));

        // Only a loop already parked on the later deadline has to be re-armed.
        await Wait.UntilArmedAsync(timers, start + TimeSpan.FromMinutes(10));
        queue.AddAfter(s_b, TimeSpan.FromSeconds(1));
        await Wait.UntilArmedAsync(timers, start + TimeSpan.FromSeconds(1));

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
        await using var queue = WorkQueueTests.NewQueue(out var time, out var timers);
        var start = time.GetUtcNow();
        var random = new Random(42);
        var delays = new Dictionary<QueueKey, TimeSpan>();
        for (var i = 0; i < 10_000; i++)
        {
            var key = new QueueKey("ns", $"k{i}");
            delays[key] = TimeSpan.FromMilliseconds(random.Next(1, 1_000_000));
            queue.AddAfter(key, delays[key]);
        }

        // Armed for the earliest deadline means the loop saw every add; it is not about to recompute a delay.
        await Wait.UntilArmedAsync(timers, start + delays.Values.Min());
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
        await using var queue = WorkQueueTests.NewQueue(out var time, out var timers);
        var start = time.GetUtcNow();
        for (var i = 1; i <= 5; i++)
        {
            queue.AddAfter(new QueueKey("ns", $"k{i}"), TimeSpan.FromSeconds(i));
        }

        for (var i = 1; i <= 5; i++)
        {
            // The loop re-arms for the next key only after it released the previous one.
            await Wait.UntilArmedAsync(timers, start + TimeSpan.FromSeconds(i));
            time.Advance(TimeSpan.FromSeconds(1));
            await Wait.UntilAsync(() => queue.Count == 1, $"k{i} due");
            Assert.Equal(new QueueKey("ns", $"k{i}"), (await queue.GetAsync(default)).Item);
        }
    }

    [Fact]
    public async Task AddRateLimited_RepeatedFailures_BackOffExponentially()
    {
        await using var queue = WorkQueueTests.NewQueue(out var time, out var timers);
        var start = time.GetUtcNow();
        queue.AddRateLimited(s_a);
        queue.AddRateLimited(s_a);
        Assert.Equal(2, queue.NumRequeues(s_a));

        // 5 ms after the first failure, 10 ms after the second; the earlier deadline wins.
        await Wait.UntilArmedAsync(timers, start + TimeSpan.FromMilliseconds(5));
        time.Advance(TimeSpan.FromMilliseconds(4));
        await Task.Delay(20);
        Assert.Equal(0, queue.Count);

        time.Advance(TimeSpan.FromMilliseconds(1));
        await Wait.UntilAsync(() => queue.Count == 1, "first retry due");

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
