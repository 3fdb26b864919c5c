// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Text;

namespace KeyOperator.Runtime.Metrics;

/// <summary>
/// A minimal Prometheus registry that renders the text exposition format 0.0.4. We carry our own instead of
/// prometheus-net (not available) and keep the output deterministic: families sorted by name, series by label values.
/// </summary>
public sealed class MetricsRegistry
{
    /// <summary>The Content-Type of the text exposition format 0.0.4.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly object _sync = new();
    private readonly SortedDictionary<string, MetricFamily> _families = new(StringComparer.Ordinal);

    /// <summary>Gets or creates a counter family; a second call with the same name returns the same family.</summary>
    public CounterFamily Counter(string name, string help, params string[] labelNames) =>
        GetOrAdd(name, () => new CounterFamily(name, help, labelNames));

    /// <summary>Gets or creates a gauge family.</summary>
    public GaugeFamily Gauge(string name, string help, params string[] labelNames) =>
        GetOrAdd(name, () => new GaugeFamily(name, help, labelNames));

    /// <summary>Gets or creates a histogram family with the given upper bounds (the +Inf bucket is implicit).</summary>
    public HistogramFamily Histogram(string name, string help, IReadOnlyList<double> buckets, params string[] labelNames) =>
        GetOrAdd(name, () => new HistogramFamily(name, help, buckets, labelNames));

    /// <summary>Writes every family in the text format 0.0.4.</summary>
    public void WriteTo(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        MetricFamily[] families;
        lock (_sync)
        {
            families = [.. _families.Values];
        }

        foreach (var family in families)
        {
            family.WriteTo(writer);
        }
    }

    /// <summary>Renders the exposition as a string.</summary>
    public string Render()
    {
        var builder = new StringBuilder();
        using (var writer = new StringWriter(builder, CultureInfo.InvariantCulture) { NewLine = "\n" })
        {
            WriteTo(writer);
        }

        return builder.ToString();
    }

    private TFamily GetOrAdd<TFamily>(string name, Func<TFamily> create)
        where TFamily : MetricFamily
    {
        lock (_sync)
        {
            if (_families.TryGetValue(name, out var existing))
            {
                return existing as TFamily
                    ?? throw new InvalidOperationException($"Metric '{name}' is already registered with another type.");
            }

            var family = create();
            _families.Add(name, family);
            return family;
        }
    }
}
