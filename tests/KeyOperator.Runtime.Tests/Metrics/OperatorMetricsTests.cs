// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Metrics;

namespace KeyOperator.Runtime.Tests.Metrics;

/// <summary>The runtime's families as a scrape shows them: controller-runtime's names, labels, help texts and buckets.</summary>
public sealed class OperatorMetricsTests
{
    [Fact]
    public async Task Render_AfterOperations_ControllerRuntimeNamesAndLabelsParseStrictly()
    {
        var metrics = new OperatorMetrics(Prometheus.Metrics.NewCustomRegistry());
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

        var families = await Exposition.ParseAsync(metrics.Registry);

        Assert.Equal(
            [
                "controller_runtime_reconcile_errors_total", "controller_runtime_reconcile_time_seconds", "controller_runtime_reconcile_total",
                "leader_election_master_status", "workqueue_adds_total", "workqueue_depth", "workqueue_queue_duration_seconds",
                "workqueue_retries_total", "workqueue_work_duration_seconds",
            ],
            families.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            new Dictionary<string, string> { ["controller"] = "apikey", ["result"] = "success" },
            Assert.Single(families["controller_runtime_reconcile_total"].Samples).Labels);
        Assert.Equal(1, families["controller_runtime_reconcile_errors_total"].Samples.Single().Value);
        Assert.Equal("key-operator-leader", families["leader_election_master_status"].Samples.Single().Labels["name"]);
        Assert.Equal(1, families["leader_election_master_status"].Samples.Single().Value);
        Assert.All(
            ["workqueue_adds_total", "workqueue_depth", "workqueue_retries_total"],
            name => Assert.Equal("apikey", Assert.Single(families[name].Samples).Labels["name"]));
        Assert.Equal("Total number of reconciliations per controller", families["controller_runtime_reconcile_total"].Help);
        Assert.Equal("How long in seconds processing an item from workqueue takes.", families["workqueue_work_duration_seconds"].Help);
        Assert.Equal("counter", families["controller_runtime_reconcile_total"].Type);
        Assert.Equal("gauge", families["workqueue_depth"].Type);
        Assert.Equal("histogram", families["workqueue_queue_duration_seconds"].Type);
    }

    [Fact]
    public async Task Render_QueueHistogram_ControllerRuntimeBucketsCumulativeWithSumAndCount()
    {
        var metrics = new OperatorMetrics(Prometheus.Metrics.NewCustomRegistry());
        var latency = metrics.ForQueue("q").QueueLatency;
        latency.Observe(1e-6);
        latency.Observe(0.5);
        latency.Observe(5000);

        var samples = (await Exposition.ParseAsync(metrics.Registry))["workqueue_queue_duration_seconds"].Samples.ToLookup(static s => s.Name);
        var buckets = samples["workqueue_queue_duration_seconds_bucket"].ToList();

        Assert.Equal(
            [1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1000, double.PositiveInfinity],
            buckets.Select(static s => ParseBound(s.Labels["le"])));
        Assert.Equal([0d, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3], buckets.Select(static s => s.Value));
        Assert.Equal(5000.500001, Assert.Single(samples["workqueue_queue_duration_seconds_sum"]).Value, 6);
        Assert.Equal(3, Assert.Single(samples["workqueue_queue_duration_seconds_count"]).Value);
    }

    [Fact]
    public async Task Render_ReconcileHistogram_HasControllerRuntimeBounds()
    {
        var metrics = new OperatorMetrics(Prometheus.Metrics.NewCustomRegistry());
        metrics.ReconcileTime.WithLabels("apikey").Observe(0.3);

        var bounds = (await Exposition.ParseAsync(metrics.Registry))["controller_runtime_reconcile_time_seconds"].Samples
            .Where(static s => s.Name == "controller_runtime_reconcile_time_seconds_bucket")
            .Select(static s => ParseBound(s.Labels["le"]))
            .ToList();

        Assert.Equal(41, bounds.Count);
        Assert.Equal([0.005, 0.01, 0.025, 0.05, 0.1], bounds.Take(5));
        Assert.Equal([40d, 50, 60, double.PositiveInfinity], bounds.TakeLast(4));
    }

    [Fact]
    public async Task Render_LabelValueWithQuoteBackslashAndLineFeed_ParsesBackUnchanged()
    {
        var metrics = new OperatorMetrics(Prometheus.Metrics.NewCustomRegistry());
        var value = "back\\slash \"quoted\"\nnew line";
        metrics.ReconcileErrors.WithLabels(value).Inc(3);

        var family = (await Exposition.ParseAsync(metrics.Registry))["controller_runtime_reconcile_errors_total"];

        Assert.Equal(value, Assert.Single(family.Samples).Labels["controller"]);
        Assert.Equal(3, family.Samples[0].Value);
    }

    [Fact]
    public async Task Render_TwoRegistries_SeriesStayInTheirOwn()
    {
        var first = new OperatorMetrics(Prometheus.Metrics.NewCustomRegistry());
        var second = new OperatorMetrics(Prometheus.Metrics.NewCustomRegistry());
        first.ReconcileTotal.WithLabels("first", "success").Inc();

        var text = await Exposition.RenderAsync(second.Registry);

        Assert.DoesNotContain("first", text, StringComparison.Ordinal);
        Assert.Equal(0, second.ReconcileTotal.WithLabels("first", "success").Value);
    }

    private static double ParseBound(string le) =>
        le == "+Inf" ? double.PositiveInfinity : double.Parse(le, System.Globalization.CultureInfo.InvariantCulture);
}
