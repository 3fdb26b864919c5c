// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Metrics;

namespace KeyOperator.Runtime.Tests.Metrics;

public sealed class MetricsRegistryTests
{
    [Fact]
    public void Render_LabelValuesWithSpecialCharacters_EscapedAndParsedBack()
    {
        var registry = new MetricsRegistry();
        var value = "back\\slash \"quoted\"\nnew line";
        registry.Counter("test_total", "Help with \\ and\nline feed", "path").WithLabels(value).Inc(3);

        var text = registry.Render();
        var family = PrometheusTextParser.Parse(text, requireGrouping: true)["test_total"];

        Assert.Contains("# HELP test_total Help with \\\\ and\\nline feed\n", text, StringComparison.Ordinal);
        Assert.Equal("Help with \\ and\nline feed", family.Help);
        Assert.Equal(value, Assert.Single(family.Samples).Labels["path"]);
        Assert.Equal(3, family.Samples[0].Value);
    }

    [Fact]
    public void Render_SeriesAddedInAnyOrder_OutputIsSortedAndIdentical()
    {
        static string Build(string[] order)
        {
            var registry = new MetricsRegistry();
            foreach (var name in order)
            {
                registry.Gauge("zeta", "z", "k").WithLabels(name).Set(1);
                registry.Gauge("alpha", "a", "k").WithLabels(name).Set(2);
            }

            return registry.Render();
        }

        var first = Build(["b", "a", "c"]);
        var second = Build(["c", "b", "a"]);

        Assert.Equal(first, second);
        Assert.True(first.IndexOf("# HELP alpha", StringComparison.Ordinal) < first.IndexOf("# HELP zeta", StringComparison.Ordinal));
        Assert.True(first.IndexOf("alpha{k=\"a\"}", StringComparison.Ordinal) < first.IndexOf("alpha{k=\"b\"}", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_Histogram_BucketsAreCumulativeWithInfSumAndCount()
    {
        var registry = new MetricsRegistry();
        var histogram = registry.Histogram("latency_seconds", "Latency.", [0.1, 1], "op").WithLabels("get");
        histogram.Observe(0.05);
        histogram.Observe(0.1);
        histogram.Observe(0.5);
        histogram.Observe(5);

        var family = PrometheusTextParser.Parse(registry.Render(), requireGrouping: true)["latency_seconds"];
        var byName = family.Samples.ToLookup(static s => s.Name);

        Assert.Equal("histogram", family.Type);
        Assert.Equal([2d, 3d, 4d], byName["latency_seconds_bucket"].Select(static s => s.Value));
        Assert.Equal(["0.1", "1", "+Inf"], byName["latency_seconds_bucket"].Select(static s => s.Labels["le"]));
        Assert.Equal(5.65, Assert.Single(byName["latency_seconds_sum"]).Value, 10);
        Assert.Equal(4, Assert.Single(byName["latency_seconds_count"]).Value);
    }

    [Fact]
    public void Render_OperatorMetrics_UsesControllerRuntimeNamesAndParsesStrictly()
    {
        var metrics = new OperatorMetrics(new MetricsRegistry());
        metrics.ReconcileTotal.WithLabels("apikey", "success").Inc();
        metrics.ReconcileErrors.WithLabels("apikey").Inc();
        metrics.ReconcileTime.WithLabels("apikey").Observe(0.2);
        var queue = metrics.ForQueue("apikey");
        queue.Adds.Inc();
        queue.Depth.Set(1);
        queue.QueueLatency.Observe(1e-6);
        queue.WorkDuration.Observe(0.01);
        queue.Retries.Inc();
        metrics.LeaderStatus.WithLabels("key-operator-leader").Set(1);

        var families = PrometheusTextParser.Parse(metrics.Registry.Render(), requireGrouping: true);

        Assert.Equal(
            [
                "controller_runtime_reconcile_errors_total", "controller_runtime_reconcile_time_seconds", "controller_runtime_reconcile_total",
                "leader_election_master_status", "workqueue_adds_total", "workqueue_depth", "workqueue_queue_duration_seconds",
                "workqueue_retries_total", "workqueue_work_duration_seconds",
            ],
            families.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("success", families["controller_runtime_reconcile_total"].Samples[0].Labels["result"]);
        Assert.Equal("1e-08", families["workqueue_queue_duration_seconds"].Samples[0].Labels["le"]);
    }

    [Fact]
    public void ContentType_IsTextFormat004()
    {
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", MetricsRegistry.ContentType);
    }

    [Theory]
    [InlineData("1bad")]
    [InlineData("has-dash")]
    [InlineData("")]
    public void Counter_InvalidMetricName_Throws(string name)
    {
        Assert.Throws<ArgumentException>(() => new MetricsRegistry().Counter(name, "h"));
    }

    [Theory]
    [InlineData("__reserved")]
    [InlineData("le")]
    [InlineData("a:b")]
    public void Counter_InvalidLabelName_Throws(string label)
    {
        Assert.Throws<ArgumentException>(() => new MetricsRegistry().Counter("ok_total", "h", label));
    }

    [Fact]
    public void Counter_SameNameDifferentType_Throws()
    {
        var registry = new MetricsRegistry();
        registry.Counter("x_total", "h");

        Assert.Throws<InvalidOperationException>(() => registry.Gauge("x_total", "h"));
    }

    [Fact]
    public void Counter_NegativeIncrement_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MetricsRegistry().Counter("x_total", "h").WithLabels().Inc(-1));
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(1027d, "1027")]
    [InlineData(0.005, "0.005")]
    [InlineData(1e-8, "1e-08")]
    [InlineData(1.7560473e+21, "1.7560473e+21")]
    public void FormatValue_MatchesGoFormatting(double value, string expected)
    {
        Assert.Equal(expected, TextFormat.FormatValue(value));
    }
}
