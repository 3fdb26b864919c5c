// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Queue;

namespace KeyOperator.Runtime.Informers;

/// <summary>
/// The informer's local copy of the objects, with indexes (client-go tools/cache thread_safe_store.go).
/// </summary>
/// <remarks>
/// With an <see cref="IObjectCopier{T}"/> (every informer over the Kubernetes API has one) <see cref="Get"/>,
/// <see cref="List"/> and <see cref="ByIndex"/> hand out deep copies: the library's models are mutable, and a reader
/// must never change what others see. Without one (immutable test objects) the stored instances are handed out.
/// Event handlers receive the stored instances and must treat them as read-only; ours only compute queue keys.
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
    private readonly IObjectCopier<T>? _copier;

    internal InformerCache(IObjectAccessor<T> accessor, IObjectCopier<T>? copier = null)
    {
        _accessor = accessor;
        _copier = copier;
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
        T? found;
        lock (_sync)
        {
            found = _items.GetValueOrDefault(key);
        }

        return found is null ? null : Copy(found);
    }

    /// <summary>A snapshot of all cached objects.</summary>
    public IReadOnlyList<T> List()
    {
        T[] snapshot;
        lock (_sync)
        {
            snapshot = [.. _items.Values];
        }

        return CopyAll(snapshot);
    }

    /// <summary>A snapshot of the objects whose index <paramref name="indexName"/> contains <paramref name="value"/>.</summary>
    public IReadOnlyList<T> ByIndex(string indexName, string value)
    {
        ArgumentNullException.ThrowIfNull(indexName);
        ArgumentNullException.ThrowIfNull(value);
        T[] snapshot;
        lock (_sync)
        {
            if (!_indexes.TryGetValue(indexName, out var index))
            {
                throw new ArgumentException($"No index named '{indexName}'.", nameof(indexName));
            }

            snapshot = index.TryGetValue(value, out var keys) ? [.. keys.Select(k => _items[k])] : [];
        }

        return CopyAll(snapshot);
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

    // Copies are made outside the lock where possible: a JSON round trip is slow next to a dictionary read.
    private T Copy(T obj) => _copier is null ? obj : _copier.DeepCopy(obj);

    private T[] CopyAll(T[] snapshot)
    {
        if (_copier is not null)
        {
            for (var i = 0; i < snapshot.Length; i++)
            {
                snapshot[i] = _copier.DeepCopy(snapshot[i]);
            }
        }

        return snapshot;
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
