// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Queue;

/// <summary>
/// A binary min-heap of items by deadline with an index per item, so a second schedule of the same item moves it
/// instead of adding a duplicate. Mirrors client-go util/workqueue/delaying_queue.go (waitForPriorityQueue plus
/// knownEntries): the earliest deadline wins. Ties keep insertion order. Not thread-safe; the owner locks.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class DeadlineHeap<T>
    where T : notnull
{
    private readonly List<Entry> _entries = [];
    private readonly Dictionary<T, int> _positions = [];
    private long _sequence;

    public int Count => _entries.Count;

    /// <summary>Schedules <paramref name="item"/>; returns true when it became (or stayed) earlier than before.</summary>
    public bool AddOrMoveEarlier(T item, long deadline)
    {
        if (_positions.TryGetValue(item, out var index))
        {
            if (deadline >= _entries[index].Deadline)
            {
                return false;
            }

            _entries[index] = _entries[index] with { Deadline = deadline };
            SiftUp(index);
            return true;
        }

        _entries.Add(new Entry(item, deadline, _sequence++));
        _positions[item] = _entries.Count - 1;
        SiftUp(_entries.Count - 1);
        return true;
    }

    public bool TryPeek(out T item, out long deadline)
    {
        if (_entries.Count == 0)
        {
            item = default!;
            deadline = 0;
            return false;
        }

        (item, deadline, _) = _entries[0];
        return true;
    }

    public T Pop()
    {
        var top = _entries[0].Item;
        var last = _entries.Count - 1;
        Swap(0, last);
        _entries.RemoveAt(last);
        _positions.Remove(top);
        if (_entries.Count > 0)
        {
            SiftDown(0);
        }

        return top;
    }

    public void Clear()
    {
        _entries.Clear();
        _positions.Clear();
    }

    private static bool Less(Entry a, Entry b) =>
        a.Deadline < b.Deadline || (a.Deadline == b.Deadline && a.Sequence < b.Sequence);

    private void SiftUp(int index)
    {
        while (index > 0)
        {
            var parent = (index - 1) / 2;
            if (!Less(_entries[index], _entries[parent]))
            {
                return;
            }

            Swap(index, parent);
            index = parent;
        }
    }

    private void SiftDown(int index)
    {
        while (true)
        {
            var left = (2 * index) + 1;
            if (left >= _entries.Count)
            {
                return;
            }

            var right = left + 1;
            var smallest = right < _entries.Count && Less(_entries[right], _entries[left]) ? right : left;
            if (!Less(_entries[smallest], _entries[index]))
            {
                return;
            }

            Swap(index, smallest);
            index = smallest;
        }
    }

    private void Swap(int a, int b)
    {
        (_entries[a], _entries[b]) = (_entries[b], _entries[a]);
        _positions[_entries[a].Item] = a;
        _positions[_entries[b].Item] = b;
    }

    private readonly record struct Entry(T Item, long Deadline, long Sequence);
}
