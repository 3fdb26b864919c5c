// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Metrics;

/// <summary>One counter series. Thread-safe.</summary>
public sealed class Counter
{
    private double _value;

    internal Counter(string[] labelValues) => LabelValues = labelValues;

    /// <summary>The current value.</summary>
    public double Value => Volatile.Read(ref _value);

    internal string[] LabelValues { get; }

    /// <summary>Adds a non-negative amount (counters never go down).</summary>
    public void Inc(double amount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        AtomicDouble.Add(ref _value, amount);
    }
}
