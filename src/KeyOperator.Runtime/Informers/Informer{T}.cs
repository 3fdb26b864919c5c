// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KeyOperator.Runtime.Informers;

/// <summary>
/// Keeps <see cref="Cache"/> in step with the server by LIST then WATCH, and tells handlers about every change.
/// Follows client-go tools/cache/reflector.go: paged LIST, WATCH from the list's resourceVersion with bookmarks and
/// a randomized 5–10 minute timeout, resume from the last seen version when a watch ends, relist on 410 Gone with
/// synthesized events for what changed meanwhile, and an exponential reconnect backoff.
/// </summary>
/// <typeparam name="T">The object type (an immutable record).</typeparam>
public sealed partial class Informer<T> : BackgroundService, IInformer
    where T : class
{
    private readonly object _dispatchSync = new();
    private readonly List<IInformerEventHandler<T>> _handlers = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IListWatchSource<T> _source;
    private readonly IObjectAccessor<T> _accessor;
    private readonly InformerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly EqualitySelector? _selector;
    private string _lastResourceVersion = string.Empty;

    /// <summary>
    /// Creates an informer; it starts when the host starts it (or <see cref="BackgroundService.StartAsync"/>). The
    /// options are validated when the host starts if it is registered with
    /// <see cref="RuntimeServiceCollectionExtensions.AddKeyOperatorInformer{T}"/>; a direct caller passes valid ones.
    /// </summary>
    public Informer(IListWatchSource<T> source, IObjectAccessor<T> accessor, InformerOptions options, TimeProvider timeProvider, ILogger<Informer<T>> logger, IObjectCopier<T>? copier = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(accessor);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _source = source;
        _accessor = accessor;
        _options = options;
        _time = timeProvider;
        _logger = logger;
        _selector = options.LabelSelector is { } text ? EqualitySelector.Parse(text) : null;
        Cache = new InformerCache<T>(accessor, copier);
    }

    /// <summary>The local cache. Read-only for callers; it changes only through the informer.</summary>
    public InformerCache<T> Cache { get; }

    /// <summary>The accessor the informer reads metadata with.</summary>
    public IObjectAccessor<T> Accessor => _accessor;

    /// <inheritdoc />
    public string Name => _options.Name;

    /// <inheritdoc />
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>The last resourceVersion seen (from a list, an event or a bookmark).</summary>
    public string LastResourceVersion => Volatile.Read(ref _lastResourceVersion);

    // Internal for testing: the random source of watch timeouts and backoff jitter.
    internal Func<double> Random { get; set; } = System.Random.Shared.NextDouble;

    /// <inheritdoc />
    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    /// <summary>
    /// Adds a handler. If the cache is already filled, the handler first gets an OnAdd for every cached object, so
    /// late subscribers see the same world as early ones.
    /// </summary>
    public void AddHandler(IInformerEventHandler<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_dispatchSync)
        {
            _handlers.Add(handler);
            foreach (var obj in Cache.List())
            {
                Invoke(() => handler.OnAdd(obj, isInInitialList: true));
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = new ReflectorBackoff(_time, Random, _options.BackoffInitial, _options.BackoffMax, _options.BackoffReset);

        // reflector.go relistResourceVersion: the first LIST may come from the watch cache ("0"); after a 410 it
        // must be a consistent read (""), otherwise the version we already have.
        var listVersion = "0";
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListAndReplaceAsync(listVersion, stoppingToken).ConfigureAwait(false);
                listVersion = LastResourceVersion;
                await WatchUntilExpiredAsync(backoff, stoppingToken).ConfigureAwait(false);
                InformerLog.Expired(_logger, Name);
                listVersion = string.Empty;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (ResourceExpiredException)
            {
                InformerLog.Expired(_logger, Name);
                listVersion = string.Empty;
            }
            catch (Exception ex)
            {
                var failedDelay = backoff.Next();
                InformerLog.Failed(_logger, ex, Name, failedDelay.TotalMilliseconds);
                await DelayAsync(failedDelay, stoppingToken).ConfigureAwait(false);
                continue;
            }

            // BackoffUntil in reflector.go waits between every ListAndWatch round, expired or not.
            await DelayAsync(backoff.Next(), stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void Invoke(Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex)
        {
            // A broken handler must not stop the cache from following the server.
            InformerLog.HandlerFailed(_logger, ex, Name);
        }
    }
}
