// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using KeyOperator.Runtime.Queue;

namespace KeyOperator.Runtime.Events;

/// <summary>
/// Client-side event correlation, ported from client-go tools/record/events_cache.go (EventCorrelator): first the
/// aggregator combines more than the allowed number of distinct messages per (object, type, reason) within the
/// interval into one "(combined from similar events)" event; then the logger turns repeats of the same event into
/// series updates with a growing count; last the spam filter drops events once a (object, type, reason, message)
/// token bucket is empty. Each cache is an LRU. Thread-safe.
/// </summary>
/// <remarks>
/// Upstream's default spam key (getSpamKey) is only source + object, so a burst of one reason silences every other
/// event about that object for minutes. client-go lets callers replace it (CorrelatorOptions.SpamKeyFunc); we key by
/// object + type + reason + message as the issue asks, so a new Warning is never hidden behind routine events.
/// </remarks>
internal sealed class EventCorrelator
{
    private const string CombinedPrefix = "(combined from similar events): ";
    private readonly object _sync = new();
    private readonly EventRecorderOptions _options;
    private readonly TimeProvider _time;
    private readonly LruCache<AggregateRecord> _aggregates;
    private readonly LruCache<EventLog> _logs;
    private readonly LruCache<TokenBucket> _spam;

    public EventCorrelator(EventRecorderOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _aggregates = new(options.CacheSize);
        _logs = new(options.CacheSize);
        _spam = new(options.CacheSize);
    }

    /// <summary>Returns the record to write (with <paramref name="isUpdate"/> for a series bump), or null to skip.</summary>
    public EventRecord? Correlate(ObjectReference regarding, string type, string reason, string action, string note, out bool isUpdate)
    {
        lock (_sync)
        {
            var now = _time.GetUtcNow();
            var (message, cacheKey) = Aggregate(regarding, type, reason, action, note, now);
            var record = Observe(regarding, type, reason, action, message, cacheKey, now);
            isUpdate = record.Count > 1;
            return IsSpam(regarding, type, reason, message) ? null : record;
        }
    }

    private (string Message, string CacheKey) Aggregate(ObjectReference regarding, string type, string reason, string action, string note, DateTimeOffset now)
    {
        var eventKey = Key(regarding, type, reason, action, note);
        var aggregateKey = Key(regarding, type, reason, _options.ReportingController, _options.ReportingInstance);
        if (!_aggregates.TryGet(aggregateKey, out var record) || now - record.LastTimestamp > _options.AggregateInterval)
        {
            record = new AggregateRecord();
        }

        record.LocalKeys.Add(note);
        record.LastTimestamp = now;
        _aggregates.Set(aggregateKey, record);
        if (record.LocalKeys.Count < _options.AggregateMaxEvents)
        {
            return (note, eventKey);
        }

        // Do not let the set of distinct messages grow past the limit (events_cache.go PopAny).
        record.LocalKeys.Remove(record.LocalKeys.First());
        return (CombinedPrefix + note, aggregateKey);
    }

    private EventRecord Observe(ObjectReference regarding, string type, string reason, string action, string message, string cacheKey, DateTimeOffset now)
    {
        var record = new EventRecord
        {
            Name = string.Create(CultureInfo.InvariantCulture, $"{regarding.Name}.{(now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100:x}"),
            Namespace = string.IsNullOrEmpty(regarding.Namespace) ? "default" : regarding.Namespace,
            Regarding = regarding,
            Type = type,
            Reason = reason,
            Action = action,
            Note = message,
            ReportingController = _options.ReportingController,
            ReportingInstance = _options.ReportingInstance,
            EventTime = now,
            LastObservedTime = now,
        };
        if (_logs.TryGet(cacheKey, out var last))
        {
            record = record with { Name = last.Name, EventTime = last.FirstTime, Count = last.Count + 1 };
        }

        _logs.Set(cacheKey, new EventLog(record.Count, record.Name, record.EventTime));
        return record;
    }

    private bool IsSpam(ObjectReference regarding, string type, string reason, string message)
    {
        var key = Key(regarding, type, reason, message);
        if (!_spam.TryGet(key, out var bucket))
        {
            bucket = new TokenBucket(_options.SpamQps, _options.SpamBurst, _time);
        }

        var spam = !bucket.TryTake();
        _spam.Set(key, bucket);
        return spam;
    }

    private static string Key(ObjectReference regarding, params string[] parts) =>
        string.Join('\0', [regarding.ApiVersion, regarding.Kind, regarding.Namespace ?? string.Empty, regarding.Name, regarding.Uid ?? string.Empty, .. parts]);

    private sealed class AggregateRecord
    {
        public HashSet<string> LocalKeys { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset LastTimestamp { get; set; }
    }

    private sealed record EventLog(int Count, string Name, DateTimeOffset FirstTime);
}
