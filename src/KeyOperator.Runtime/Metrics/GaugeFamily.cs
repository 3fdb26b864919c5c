// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Metrics;

/// <summary>A gauge metric family: values that go up and down, one per label set.</summary>
public sealed class GaugeFamily : MetricFamily
{
    internal GaugeFamily(string name, string help, string[] labelNames)
        : base(name, help, labelNames)
    {
        if (labelNames.Length == 0)
        {
            WithLabels();
        }
    }

    private protected override string TypeName => "gauge";

    /// <summary>Returns the series for the given label values (in the order of <see cref="MetricFamily.LabelNames"/>).</summary>
    public Gauge WithLabels(params string[] labelValues) => GetSeries(labelValues, static v => new Gauge(v));

    private protected override void WriteSeries(TextWriter writer, object series)
    {
        var gauge = (Gauge)series;
        WriteSample(writer, string.Empty, gauge.LabelValues, null, null, gauge.Value);
    }
}
