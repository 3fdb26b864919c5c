// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;

namespace KeyOperator.Runtime.Metrics;

/// <summary>A histogram metric family with cumulative buckets, _sum and _count, one per label set.</summary>
public sealed class HistogramFamily : MetricFamily
{
    private readonly double[] _bounds;
    private readonly string[] _boundLabels;

    internal HistogramFamily(string name, string help, IReadOnlyList<double> buckets, string[] labelNames)
        : base(name, help, labelNames)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        _bounds = [.. buckets.Where(static b => !double.IsPositiveInfinity(b))];
        for (var i = 1; i < _bounds.Length; i++)
        {
            if (!(_bounds[i] > _bounds[i - 1]))
            {
                throw new ArgumentException("Histogram buckets must be strictly increasing.", nameof(buckets));
            }
        }

        _boundLabels = [.. _bounds.Select(TextFormat.FormatValue)];
        if (labelNames.Length == 0)
        {
            WithLabels();
        }
    }

    private protected override string TypeName => "histogram";

    /// <summary>Returns the series for the given label values (in the order of <see cref="MetricFamily.LabelNames"/>).</summary>
    public Histogram WithLabels(params string[] labelValues) => GetSeries(labelValues, v => new Histogram(v, _bounds));

    private protected override void WriteSeries(TextWriter writer, object series)
    {
        var histogram = (Histogram)series;
        var snapshot = histogram.Snapshot();
        long cumulative = 0;
        for (var i = 0; i < _bounds.Length; i++)
        {
            cumulative += snapshot.Counts[i];
            WriteSample(writer, "_bucket", histogram.LabelValues, "le", _boundLabels[i], cumulative);
        }

        WriteSample(writer, "_bucket", histogram.LabelValues, "le", "+Inf", snapshot.Count);
        WriteSample(writer, "_sum", histogram.LabelValues, null, null, snapshot.Sum);
        WriteSample(writer, "_count", histogram.LabelValues, null, null, snapshot.Count);
    }

    /// <summary>Exponential bucket bounds, as Go's prometheus.ExponentialBuckets(start, factor, count).</summary>
    public static double[] ExponentialBuckets(double start, double factor, int count)
    {
        var result = new double[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = double.Parse((start * Math.Pow(factor, i)).ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        return result;
    }
}
