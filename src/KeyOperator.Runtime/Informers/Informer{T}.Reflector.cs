// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Informers;

/// <content>The list, relist and watch steps (client-go tools/cache/reflector.go).</content>
public sealed partial class Informer<T>
{
    private async Task ListAndReplaceAsync(string listVersion, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        string? continueToken = null;
        var resourceVersion = string.Empty;
        while (true)
        {
            ListPage<T> page;
            try
            {
                page = await _source.ListPageAsync(
                    new ListRequest(_options.PageSize, continueToken, continueToken is null ? listVersion : null, _selector?.Text),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (ResourceExpiredException) when (continueToken is not null || listVersion.Length > 0)
            {
                // An expired continue token or a too-old version: start over with a consistent read
                // (reflector.go falls back to resourceVersion="" when the last version is unavailable).
                items.Clear();
                continueToken = null;
                listVersion = string.Empty;
                continue;
            }

            items.AddRange(page.Items);
            continueToken = string.IsNullOrEmpty(page.Continue) ? null : page.Continue;
            resourceVersion = page.ResourceVersion;
            if (continueToken is null)
            {
                break;
            }
        }

        Replace(items);
        Volatile.Write(ref _lastResourceVersion, resourceVersion);
        InformerLog.Listed(_logger, Name, items.Count, resourceVersion);
        _synced.TrySetResult();
    }

    /// <summary>
    /// Makes the cache equal to a fresh list and tells handlers what changed: ADDED for new keys, MODIFIED when the
    /// resourceVersion differs, and DELETED (final state unknown) for keys the list no longer has, which is how
    /// client-go's DeltaFIFO.Replace surfaces deletions that happened while the watch was down.
    /// </summary>
    private void Replace(List<T> listed)
    {
        lock (_dispatchSync)
        {
            var initial = !HasSynced;
            var previous = Cache.Snapshot();
            foreach (var obj in listed)
            {
                if (_selector is not null && !_selector.Matches(_accessor.GetLabels(obj)))
                {
                    continue;
                }

                var key = Cache.KeyOf(obj);
                previous.Remove(key, out var old);
                if (old is null)
                {
                    Cache.Upsert(obj);
                    Dispatch(h => h.OnAdd(obj, initial));
                }
                else if (!string.Equals(_accessor.GetResourceVersion(old), _accessor.GetResourceVersion(obj), StringComparison.Ordinal))
                {
                    Cache.Upsert(obj);
                    Dispatch(h => h.OnUpdate(old, obj));
                }
            }

            foreach (var (key, gone) in previous)
            {
                Cache.Remove(key);
                Dispatch(h => h.OnDelete(gone, finalStateUnknown: true));
            }
        }
    }

    /// <summary>Watches repeatedly from the last version; returns when the version expired (410).</summary>
    private async Task WatchUntilExpiredAsync(ReflectorBackoff backoff, CancellationToken stoppingToken)
    {
        while (true)
        {
            stoppingToken.ThrowIfCancellationRequested();

            // reflector.go: timeoutSeconds = minWatchTimeout * (1 + rand), spreading reconnects of many clients.
            var timeout = _options.MinWatchTimeout * (1 + Random());
            var silenceLimit = timeout + _options.WatchdogSlack;
            using var watchCts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            using var watchdog = _time.CreateTimer(static s => ((CancellationTokenSource)s!).Cancel(), watchCts, silenceLimit, Timeout.InfiniteTimeSpan);
            var started = _time.GetTimestamp();
            var received = false;
            try
            {
                var request = new WatchRequest(LastResourceVersion, timeout, _selector?.Text);
                await foreach (var watchEvent in _source.WatchAsync(request, watchCts.Token).WithCancellation(watchCts.Token).ConfigureAwait(false))
                {
                    watchdog.Change(silenceLimit, Timeout.InfiniteTimeSpan);
                    received = true;
                    Handle(watchEvent);
                }

                InformerLog.WatchClosed(_logger, Name, LastResourceVersion);
            }
            catch (ResourceExpiredException)
            {
                return;
            }
            catch (OperationCanceledException) when (watchCts.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
            {
                InformerLog.WatchdogFired(_logger, Name);
                continue;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Includes a client-side timeout (TaskCanceledException from the HTTP stack): back off, do not spin.
                // reflector.go retries a failed watch from the same version after a backoff; only 410 forces a relist.
                var delay = backoff.Next();
                InformerLog.Failed(_logger, ex, Name, delay.TotalMilliseconds);
                await DelayAsync(delay, stoppingToken).ConfigureAwait(false);
                continue;
            }

            // A watch that ends at once without events signals trouble (reflector.go "very short watch"): back off.
            if (!received && _time.GetElapsedTime(started) < TimeSpan.FromSeconds(1))
            {
                await DelayAsync(backoff.Next(), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private void Handle(WatchEvent<T> watchEvent)
    {
        if (watchEvent.Type == WatchEventType.Bookmark)
        {
            if (!string.IsNullOrEmpty(watchEvent.ResourceVersion))
            {
                Volatile.Write(ref _lastResourceVersion, watchEvent.ResourceVersion);
            }

            return;
        }

        if (watchEvent.Object is not { } obj)
        {
            return;
        }

        lock (_dispatchSync)
        {
            var key = Cache.KeyOf(obj);
            var selected = _selector is null || _selector.Matches(_accessor.GetLabels(obj));
            if (watchEvent.Type == WatchEventType.Deleted || !selected)
            {
                if (Cache.Remove(key) is { } old)
                {
                    var last = watchEvent.Type == WatchEventType.Deleted ? obj : old;
                    Dispatch(h => h.OnDelete(last, finalStateUnknown: false));
                }
            }
            else if (Cache.Upsert(obj) is { } previous)
            {
                Dispatch(h => h.OnUpdate(previous, obj));
            }
            else
            {
                Dispatch(h => h.OnAdd(obj, isInInitialList: false));
            }
        }

        if (_accessor.GetResourceVersion(obj) is { Length: > 0 } version)
        {
            Volatile.Write(ref _lastResourceVersion, version);
        }
    }

    private void Dispatch(Action<IInformerEventHandler<T>> action)
    {
        foreach (var handler in _handlers)
        {
            Invoke(() => action(handler));
        }
    }
}
