// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Metrics;

/// <summary>One histogram series. Thread-safe.</summary>
public sealed class Histogram
{
    private readonly object _sync = new();
    private readonly double[] _bounds;
    private readonly long[] _counts;
    private double _sum;
    private long _count;

    internal Histogram(string[] labelValues, double[] bounds)
    {
        LabelValues = labelValues;
        _bounds = bounds;
        _counts = new long[bounds.Length];
    }

    internal string[] LabelValues { get; }

    /// <summary>Records one observation (for durations, in seconds).</summary>
    public void Observe(double value)
    {
        // Buckets are "less than or equal" upper bounds; values above every bound land only in +Inf.
        var index = Array.BinarySearch(_bounds, value);
        if (index < 0)
        {
            index = ~index;
        }

        lock (_sync)
        {
            if (index < _counts.Length)
            {
                _counts[index]++;
            }

            _sum += value;
            _count++;
        }
    }

    internal (long[] Counts, double Sum, long Count) Snapshot()
    {
        lock (_sync)
        {
            return ((long[])_counts.Clone(), _sum, _count);
        }
    }
}
