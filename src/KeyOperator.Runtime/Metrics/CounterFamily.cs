// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Metrics;

/// <summary>A counter metric family: monotonically increasing values, one per label set.</summary>
public sealed class CounterFamily : MetricFamily
{
    internal CounterFamily(string name, string help, string[] labelNames)
        : base(name, help, labelNames)
    {
        if (labelNames.Length == 0)
        {
            WithLabels();
        }
    }

    private protected override string TypeName => "counter";

    /// <summary>Returns the series for the given label values (in the order of <see cref="MetricFamily.LabelNames"/>).</summary>
    public Counter WithLabels(params string[] labelValues) => GetSeries(labelValues, static v => new Counter(v));

    private protected override void WriteSeries(TextWriter writer, object series)
    {
        var counter = (Counter)series;
        WriteSample(writer, string.Empty, counter.LabelValues, null, null, counter.Value);
    }
}
