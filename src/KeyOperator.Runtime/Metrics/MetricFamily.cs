// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Collections.Concurrent;

namespace KeyOperator.Runtime.Metrics;

/// <summary>A named metric with a fixed set of label names and one series per distinct set of label values.</summary>
public abstract class MetricFamily
{
    private readonly ConcurrentDictionary<string, object> _series = new(StringComparer.Ordinal);

    private protected MetricFamily(string name, string help, string[] labelNames)
    {
        ArgumentNullException.ThrowIfNull(help);
        ArgumentNullException.ThrowIfNull(labelNames);
        MetricName.ValidateMetric(name);
        foreach (var label in labelNames)
        {
            MetricName.ValidateLabel(label);
        }

        Name = name;
        Help = help;
        LabelNames = labelNames;
    }

    /// <summary>The metric name.</summary>
    public string Name { get; }

    /// <summary>The HELP text (escaped on output).</summary>
    public string Help { get; }

    /// <summary>The label names, in order.</summary>
    public IReadOnlyList<string> LabelNames { get; }

    private protected abstract string TypeName { get; }

    internal void WriteTo(TextWriter writer)
    {
        var series = _series.ToArray();
        if (series.Length == 0)
        {
            return;
        }

        // Ordinal order over the joined label values makes scrapes byte-for-byte reproducible.
        Array.Sort(series, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        writer.Write("# HELP ");
        writer.Write(Name);
        writer.Write(' ');
        writer.Write(TextFormat.EscapeHelp(Help));
        writer.Write('\n');
        writer.Write("# TYPE ");
        writer.Write(Name);
        writer.Write(' ');
        writer.Write(TypeName);
        writer.Write('\n');
        foreach (var entry in series)
        {
            WriteSeries(writer, entry.Value);
        }
    }

    /// <summary>
    /// Drops one series, for label values that name an object that no longer exists (a deleted ApiKey), so the
    /// exposition does not keep reporting it until the process restarts. Unknown label values are ignored.
    /// </summary>
    /// <param name="labelValues">The series' label values, in the family's label order.</param>
    public void RemoveSeries(params string[] labelValues)
    {
        ArgumentNullException.ThrowIfNull(labelValues);
        _series.TryRemove(string.Join('\u0001', labelValues), out _);
    }

    private protected abstract void WriteSeries(TextWriter writer, object series);

    private protected TSeries GetSeries<TSeries>(string[] labelValues, Func<string[], TSeries> create)
        where TSeries : class
    {
        ArgumentNullException.ThrowIfNull(labelValues);
        if (labelValues.Length != LabelNames.Count)
        {
            throw new ArgumentException($"Metric '{Name}' expects {LabelNames.Count} label values.", nameof(labelValues));
        }

        foreach (var value in labelValues)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(labelValues));
        }

        var key = string.Join('\u0001', labelValues);
        return (TSeries)_series.GetOrAdd(key, static (_, state) => state.create(state.labelValues), (create, labelValues));
    }

    private protected void WriteSample(TextWriter writer, string suffix, string[] labelValues, string? extraName, string? extraValue, double value)
    {
        writer.Write(Name);
        writer.Write(suffix);
        TextFormat.WriteLabels(writer, LabelNames, labelValues, extraName, extraValue);
        writer.Write(' ');
        writer.Write(TextFormat.FormatValue(value));
        writer.Write('\n');
    }
}
