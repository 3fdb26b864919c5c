// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Metrics;

namespace KeyOperator.Runtime.Queue;

/// <summary>
/// A rate-limited, delaying work queue with client-go semantics (util/workqueue/queue.go, delaying_queue.go,
/// rate_limiting_queue.go). Fair: FIFO within a lane. Stingy: an item waiting in the queue is stored once however
/// often it is added (the dirty set), and an item is never handed to two workers at once (the processing set); an
/// item added while it is being processed is queued again when the worker calls <see cref="Done"/>.
/// </summary>
/// <remarks>
/// Two lanes: items that were never processed (or added with <see cref="AddNew"/>) go to a priority lane that is
/// drained before the normal lane, so a newly created object is not stuck behind a wave of timed requeues. Timed
/// adds (<see cref="AddAfter"/>, <see cref="AddRateLimited"/>) wait in one min-heap served by one timer loop, never a
/// task or timer per item.
/// </remarks>
/// <typeparam name="T">The item type, compared by value (use <see cref="QueueKey"/>).</typeparam>
public sealed partial class WorkQueue<T> : IAsyncDisposable
    where T : notnull
{
    private readonly object _sync = new();
    private readonly TimeProvider _time;
    private readonly WorkQueueMetrics? _metrics;
    private readonly IRateLimiter<T> _rateLimiter;
    private readonly SemaphoreSlim _available = new(0);
    private readonly LinkedList<T> _priorityLane = new();
    private readonly LinkedList<T> _normalLane = new();
    private readonly Dictionary<T, LinkedListNode<T>> _queued = [];
    private readonly Dictionary<T, long> _dirty = [];
    private readonly HashSet<T> _dirtyPriority = [];
    private readonly Dictionary<T, long> _processing = [];
    private readonly HashSet<T> _processedOnce = [];
    private bool _shuttingDown;
    private TaskCompletionSource? _drained;

    /// <summary>Creates a queue and starts its timer loop.</summary>
    /// <param name="options">Name and rate-limiter settings.</param>
    /// <param name="timeProvider">The clock for delays, rate limits and durations.</param>
    /// <param name="metrics">Series to report to, or null for none.</param>
    /// <param name="rateLimiter">Overrides the default controller rate limiter built from <paramref name="options"/>.</param>
    public WorkQueue(WorkQueueOptions options, TimeProvider timeProvider, WorkQueueMetrics? metrics = null, IRateLimiter<T>? rateLimiter = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Name = options.Name;
        _time = timeProvider;
        _metrics = metrics;
        _rateLimiter = rateLimiter ?? RateLimiters.DefaultController<T>(options, timeProvider);
        _timerLoop = Task.Run(RunTimerLoopAsync);
    }

    /// <summary>The queue name (the metrics label).</summary>
    public string Name { get; }

    /// <summary>Number of items waiting to be handed out (not counting delayed or in-flight items).</summary>
    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _queued.Count;
            }
        }
    }

    /// <summary>True once <see cref="ShutDown"/> or <see cref="ShutDownWithDrainAsync"/> was called.</summary>
    public bool IsShuttingDown
    {
        get
        {
            lock (_sync)
            {
                return _shuttingDown;
            }
        }
    }

    /// <summary>Adds an item now. It takes the priority lane if it was never processed before.</summary>
    public void Add(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_sync)
        {
            AddLocked(item, priority: !_processedOnce.Contains(item));
        }
    }

    /// <summary>Adds an item to the priority lane (for example an object seen for the first time).</summary>
    public void AddNew(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_sync)
        {
            AddLocked(item, priority: true);
        }
    }

    /// <summary>
    /// Waits for the next item and marks it as processing. Returns <c>Shutdown = true</c> once the queue is shut down
    /// and empty. Every item returned must be passed to <see cref="Done"/>.
    /// </summary>
    public async ValueTask<(T Item, bool Shutdown)> GetAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _available.WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (_sync)
            {
                var lane = _priorityLane.Count > 0 ? _priorityLane : _normalLane;
                if (lane.First is { } node)
                {
                    var item = node.Value;
                    lane.RemoveFirst();
                    _queued.Remove(item);
                    var now = _time.GetTimestamp();
                    if (_dirty.Remove(item, out var addedAt))
                    {
                        _metrics?.QueueLatency.Observe(_time.GetElapsedTime(addedAt, now).TotalSeconds);
                    }

                    _dirtyPriority.Remove(item);
                    _processing[item] = now;
                    _metrics?.Depth.Set(_queued.Count);
                    return (item, false);
                }

                if (_shuttingDown)
                {
                    // The wake-up token is handed on so every other waiting worker also sees the shutdown.
                    _available.Release();
                    return (default!, true);
                }
            }
        }
    }

    /// <summary>Marks the item as no longer processing; if it was added meanwhile, it is queued again now.</summary>
    public void Done(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_sync)
        {
            if (!_processing.Remove(item, out var startedAt))
            {
                return;
            }

            _metrics?.WorkDuration.Observe(_time.GetElapsedTime(startedAt).TotalSeconds);
            _processedOnce.Add(item);
            if (_dirty.ContainsKey(item))
            {
                EnqueueLocked(item);
            }
            else if (_processing.Count == 0)
            {
                _drained?.TrySetResult();
            }
        }
    }

    /// <summary>True while a worker holds the item (between <see cref="GetAsync"/> and <see cref="Done"/>).</summary>
    public bool IsProcessing(T item)
    {
        lock (_sync)
        {
            return _processing.ContainsKey(item);
        }
    }

    /// <summary>
    /// Forgets everything the queue knows about an item that no longer exists: its failure count and whether it was
    /// ever processed (so a re-created object with the same key takes the priority lane again).
    /// </summary>
    public void Untrack(T item)
    {
        _rateLimiter.Forget(item);
        lock (_sync)
        {
            _processedOnce.Remove(item);
        }
    }

    /// <summary>Stops accepting adds; workers get the remaining items, then <c>Shutdown = true</c>.</summary>
    public void ShutDown()
    {
        lock (_sync)
        {
            ShutDownLocked();
        }
    }

    /// <summary>Shuts down, then waits until every in-flight item was passed to <see cref="Done"/>.</summary>
    public async Task ShutDownWithDrainAsync(CancellationToken cancellationToken)
    {
        Task drained;
        lock (_sync)
        {
            ShutDownLocked();
            if (_processing.Count == 0)
            {
                return;
            }

            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            drained = _drained.Task;
        }

        await drained.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        ShutDown();
        await _timerLoop.ConfigureAwait(false);
        _stopTimer.Dispose();
    }

    private void ShutDownLocked()
    {
        if (_shuttingDown)
        {
            return;
        }

        _shuttingDown = true;
        _waiting.Clear();
        _stopTimer.Cancel();
        _available.Release();
    }

    private void AddLocked(T item, bool priority)
    {
        if (_shuttingDown)
        {
            return;
        }

        if (_dirty.ContainsKey(item))
        {
            // Already waiting: collapse the add, but let a priority add promote a normal-lane entry.
            if (priority && _dirtyPriority.Add(item) && _queued.TryGetValue(item, out var node) && node.List == _normalLane)
            {
                _normalLane.Remove(node);
                _priorityLane.AddLast(node);
            }

            return;
        }

        _metrics?.Adds.Inc();
        _dirty[item] = _time.GetTimestamp();
        if (priority)
        {
            _dirtyPriority.Add(item);
        }

        if (_processing.ContainsKey(item))
        {
            return;
        }

        EnqueueLocked(item);
    }

    private void EnqueueLocked(T item)
    {
        var lane = _dirtyPriority.Contains(item) ? _priorityLane : _normalLane;
        _queued[item] = lane.AddLast(item);
        _metrics?.Depth.Set(_queued.Count);
        _available.Release();
    }
}
