// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Json;

namespace KeyOperator.ControlPlane.Storage;

/// <summary>
/// In-memory storage with one global, monotonically increasing resourceVersion, a bounded event history for
/// watch resumption, and the open watchers. Callers hold <see cref="Sync"/> around every read-modify-write so that
/// a whole request (including garbage collection it triggers) is atomic.
/// </summary>
internal sealed class ObjectStore(int historyWindow)
{
    private readonly Dictionary<ResourceKey, SortedDictionary<string, JsonObject>> _objects = [];
    private readonly Dictionary<string, (ResourceKey Key, string Path)> _byUid = new(StringComparer.Ordinal);
    private readonly LinkedList<StoredEvent> _history = new();
    private readonly List<Watcher> _watchers = [];
    private long _resourceVersion = 1000;
    private long _historyStart = 1000;

    public Lock Sync { get; } = new();

    public long CurrentResourceVersion => _resourceVersion;

    public JsonObject? Get(ResourceKey key, string? ns, string name) =>
        _objects.TryGetValue(key, out var items) && items.TryGetValue(PathOf(ns, name), out var obj) ? obj : null;

    public bool UidExists(string uid) => _byUid.ContainsKey(uid);

    /// <summary>Objects of a resource, ordered by namespace then name (as etcd keys sort).</summary>
    public IEnumerable<JsonObject> List(ResourceKey key, string? ns)
    {
        if (!_objects.TryGetValue(key, out var items))
        {
            return [];
        }

        return ns is null ? items.Values.ToList() : items.Where(p => p.Key.StartsWith(ns + "/", StringComparison.Ordinal)).Select(p => p.Value).ToList();
    }

    /// <summary>Every stored object with its resource key.</summary>
    public IEnumerable<(ResourceKey Key, JsonObject Object)> ListAll() =>
        _objects.SelectMany(p => p.Value.Values.Select(o => (p.Key, o))).ToList();

    /// <summary>Stores a new or changed object, stamping a fresh resourceVersion, and publishes the change.</summary>
    public JsonObject Put(ResourceKey key, JsonObject obj)
    {
        var metadata = obj.Metadata();
        var ns = metadata.GetString("namespace");
        var name = metadata.GetString("name")!;
        var path = PathOf(ns, name);
        if (!_objects.TryGetValue(key, out var items))
        {
            items = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            _objects[key] = items;
        }

        items.TryGetValue(path, out var previous);
        metadata["resourceVersion"] = (++_resourceVersion).ToString(CultureInfo.InvariantCulture);
        items[path] = obj;
        var uid = metadata.GetString("uid");
        if (uid is not null)
        {
            _byUid[uid] = (key, path);
        }

        Publish(new StoredEvent(_resourceVersion, previous is null ? "ADDED" : "MODIFIED", key, obj, previous));
        return obj;
    }

    /// <summary>Removes an object; the DELETED event carries its last state with a fresh resourceVersion.</summary>
    public JsonObject? Remove(ResourceKey key, string? ns, string name, JsonObject? finalState = null)
    {
        if (!_objects.TryGetValue(key, out var items) || !items.Remove(PathOf(ns, name), out var previous))
        {
            return null;
        }

        var final = (finalState ?? previous).DeepClone().AsObject();
        final.Metadata()["resourceVersion"] = (++_resourceVersion).ToString(CultureInfo.InvariantCulture);
        var uid = final.Metadata().GetString("uid");
        if (uid is not null)
        {
            _byUid.Remove(uid);
        }

        Publish(new StoredEvent(_resourceVersion, "DELETED", key, final, previous));
        return final;
    }

    /// <summary>Registers a watcher and queues its initial events atomically with respect to writers.</summary>
    /// <param name="watcher">The watcher.</param>
    /// <param name="fromResourceVersion">Null to start with synthetic ADDED events for current objects; otherwise events strictly after it.</param>
    /// <param name="initial">Current objects matching the watch, used when <paramref name="fromResourceVersion"/> is null.</param>
    public void AddWatcher(Watcher watcher, long? fromResourceVersion, IEnumerable<JsonObject> initial)
    {
        if (fromResourceVersion is null)
        {
            foreach (var obj in initial)
            {
                watcher.Enqueue(new WatchItem("ADDED", obj, long.Parse(obj.Metadata().GetString("resourceVersion")!, CultureInfo.InvariantCulture)));
            }
        }
        else
        {
            if (fromResourceVersion.Value < _historyStart)
            {
                throw ApiErrors.Expired(TooOldMessage(fromResourceVersion.Value));
            }

            foreach (var change in _history)
            {
                if (change.ResourceVersion > fromResourceVersion.Value)
                {
                    watcher.Offer(change);
                }
            }
        }

        _watchers.Add(watcher);
    }

    public void RemoveWatcher(Watcher watcher) => _watchers.Remove(watcher);

    /// <summary>The apiserver's watch-cache message (<c>storage/cacher/watch_cache_history.go</c>).</summary>
    public string TooOldMessage(long requested) =>
        string.Create(CultureInfo.InvariantCulture, $"too old resource version: {requested} ({_historyStart + 1})");

    public bool IsCompacted(long resourceVersion) => resourceVersion < _historyStart;

    /// <summary>Forgets all history: every resourceVersion older than the current one becomes too old.</summary>
    public void Compact()
    {
        _history.Clear();
        _historyStart = _resourceVersion;
    }

    /// <summary>Ends every open watch, optionally with an ERROR event first.</summary>
    public void CloseAllWatchers(JsonObject? errorStatus)
    {
        foreach (var watcher in _watchers)
        {
            watcher.Close(errorStatus);
        }

        _watchers.Clear();
    }

    private static string PathOf(string? ns, string name) => (ns ?? string.Empty) + "/" + name;

    private void Publish(StoredEvent change)
    {
        _history.AddLast(change);
        while (_history.Count > historyWindow)
        {
            _historyStart = _history.First!.Value.ResourceVersion;
            _history.RemoveFirst();
        }

        foreach (var watcher in _watchers)
        {
            watcher.Offer(change);
        }
    }
}
