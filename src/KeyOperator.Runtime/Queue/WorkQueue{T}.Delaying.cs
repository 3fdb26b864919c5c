// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Queue;

/// <content>Timed adds: one min-heap and one timer loop (client-go util/workqueue/delaying_queue.go).</content>
public sealed partial class WorkQueue<T>
{
    private readonly DeadlineHeap<T> _waiting = new();
    private readonly CancellationTokenSource _stopTimer = new();
    private readonly Task _timerLoop;
    private TaskCompletionSource? _rearm;
    private long _armedDeadline = long.MaxValue;

    /// <summary>
    /// Adds the item after <paramref name="delay"/>. If it is already waiting, the earlier deadline wins. A zero or
    /// negative delay adds it now.
    /// </summary>
    public void AddAfter(T item, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(item);
        TaskCompletionSource? rearm = null;
        lock (_sync)
        {
            if (_shuttingDown)
            {
                return;
            }

            if (delay <= TimeSpan.Zero)
            {
                AddLocked(item, priority: false);
                return;
            }

            var deadline = _time.GetTimestamp() + (long)(delay.TotalSeconds * _time.TimestampFrequency);
            if (_waiting.AddOrMoveEarlier(item, deadline) && deadline < _armedDeadline)
            {
                rearm = _rearm;
                _armedDeadline = deadline;
            }
        }

        // Completed outside the lock: the timer loop may run inline and take the lock itself.
        rearm?.TrySetResult();
    }

    /// <summary>Number of items waiting for their deadline.</summary>
    public int DelayedCount
    {
        get
        {
            lock (_sync)
            {
                return _waiting.Count;
            }
        }
    }

    private async Task RunTimerLoopAsync()
    {
        var stop = _stopTimer.Token;
        while (!stop.IsCancellationRequested)
        {
            TaskCompletionSource rearm;
            TimeSpan wait;
            lock (_sync)
            {
                var now = _time.GetTimestamp();
                while (_waiting.TryPeek(out _, out var deadline) && deadline <= now)
                {
                    AddLocked(_waiting.Pop(), priority: false);
                }

                rearm = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _rearm = rearm;
                if (_waiting.TryPeek(out _, out var next))
                {
                    _armedDeadline = next;

                    // Timers drop fractions of a millisecond, so a deadline under 1 ms away would fire at once,
                    // find nothing due and spin; rounding up makes the one wake-up land on or after the deadline.
                    wait = TimeSpan.FromMilliseconds(Math.Ceiling(_time.GetElapsedTime(now, next).TotalMilliseconds));
                }
                else
                {
                    _armedDeadline = long.MaxValue;
                    wait = Timeout.InfiniteTimeSpan;
                }
            }

            using var cancelDelay = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var delay = wait == Timeout.InfiniteTimeSpan
                ? Task.Delay(Timeout.InfiniteTimeSpan, cancelDelay.Token)
                : Task.Delay(wait, _time, cancelDelay.Token);
            await Task.WhenAny(delay, rearm.Task).ConfigureAwait(false);

            // Drops the pending timer when an earlier deadline re-armed the loop.
            await cancelDelay.CancelAsync().ConfigureAwait(false);
        }
    }
}
