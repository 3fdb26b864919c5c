// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Metrics;

/// <summary>One gauge series. Thread-safe.</summary>
public sealed class Gauge
{
    private double _value;

    internal Gauge(string[] labelValues) => LabelValues = labelValues;

    /// <summary>The current value.</summary>
    public double Value => Volatile.Read(ref _value);

    internal string[] LabelValues { get; }

    /// <summary>Sets the value.</summary>
    public void Set(double value) => Volatile.Write(ref _value, value);

    /// <summary>Adds an amount (negative to decrease).</summary>
    public void Add(double amount) => AtomicDouble.Add(ref _value, amount);
}
