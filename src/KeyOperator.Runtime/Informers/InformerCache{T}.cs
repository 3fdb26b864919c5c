// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Queue;

namespace KeyOperator.Runtime.Informers;

/// <summary>
/// The informer's local copy of the objects, with indexes (client-go tools/cache thread_safe_store.go).
/// </summary>
/// <remarks>
/// The cache hands out the stored instances themselves, without copying: the object types are immutable records
/// (init-only properties, read-only collections), so a reader cannot change what others see. client-go has to
/// ask callers to deep-copy before mutating; with immutable models that rule is enforced by the compiler instead.
/// </remarks>
/// <typeparam name="T">The object type.</typeparam>
public sealed class InformerCache<T>
    where T : class
{
    private readonly object _sync = new();
    private readonly Dictionary<QueueKey, T> _items = [];
    private readonly Dictionary<string, Func<T, IEnumerable<string>>> _indexers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, HashSet<QueueKey>>> _indexes = new(StringComparer.Ordinal);
    private readonly IObjectAccessor<T> _accessor;

    internal InformerCache(IObjectAccessor<T> accessor)
    {
        _accessor = accessor;
        AddIndexer(IndexNames.Namespace, o => [accessor.GetNamespace(o) ?? string.Empty]);
        AddIndexer(IndexNames.OwnerUid, o => accessor.GetOwners(o).Select(static r => r.Uid));
        AddIndexer(IndexNames.Label, o => accessor.GetLabels(o)?.Select(static l => $"{l.Key}={l.Value}") ?? []);
    }

    /// <summary>Number of cached objects.</summary>
    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Returns the cached object with this key, or null.</summary>
    public T? Get(QueueKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_sync)
        {
            return _items.GetValueOrDefault(key);
        }
    }

    /// <summary>A snapshot of all cached objects.</summary>
    public IReadOnlyList<T> List()
    {
        lock (_sync)
        {
            return [.. _items.Values];
        }
    }

    /// <summary>A snapshot of the objects whose index <paramref name="indexName"/> contains <paramref name="value"/>.</summary>
    public IReadOnlyList<T> ByIndex(string indexName, string value)
    {
        ArgumentNullException.ThrowIfNull(indexName);
        ArgumentNullException.ThrowIfNull(value);
        lock (_sync)
        {
            if (!_indexes.TryGetValue(indexName, out var index))
            {
                throw new ArgumentException($"No index named '{indexName}'.", nameof(indexName));
            }

            return index.TryGetValue(value, out var keys) ? [.. keys.Select(k => _items[k])] : [];
        }
    }

    /// <summary>Adds a custom index; must be called before the informer starts.</summary>
    public void AddIndexer(string indexName, Func<T, IEnumerable<string>> indexFunc)
    {
        ArgumentException.ThrowIfNullOrEmpty(indexName);
        ArgumentNullException.ThrowIfNull(indexFunc);
        lock (_sync)
        {
            if (_items.Count > 0)
            {
                throw new InvalidOperationException("Indexers must be added before the cache is filled.");
            }

            _indexers.Add(indexName, indexFunc);
            _indexes.Add(indexName, new(StringComparer.Ordinal));
        }
    }

    internal QueueKey KeyOf(T obj) => new(_accessor.GetNamespace(obj), _accessor.GetName(obj));

    /// <summary>Stores the object and returns the previous one.</summary>
    internal T? Upsert(T obj)
    {
        var key = KeyOf(obj);
        lock (_sync)
        {
            var old = RemoveLocked(key);
            _items[key] = obj;
            foreach (var (name, func) in _indexers)
            {
                var index = _indexes[name];
                foreach (var value in func(obj))
                {
                    if (!index.TryGetValue(value, out var keys))
                    {
                        index[value] = keys = [];
                    }

                    keys.Add(key);
                }
            }

            return old;
        }
    }

    internal T? Remove(QueueKey key)
    {
        lock (_sync)
        {
            return RemoveLocked(key);
        }
    }

    internal Dictionary<QueueKey, T> Snapshot()
    {
        lock (_sync)
        {
            return new Dictionary<QueueKey, T>(_items);
        }
    }

    private T? RemoveLocked(QueueKey key)
    {
        if (!_items.Remove(key, out var old))
        {
            return null;
        }

        foreach (var (name, func) in _indexers)
        {
            var index = _indexes[name];
            foreach (var value in func(old))
            {
                if (index.TryGetValue(value, out var keys) && keys.Remove(key) && keys.Count == 0)
                {
                    index.Remove(value);
                }
            }
        }

        return old;
    }
}
