// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using KeyOperator.Operator.Controllers.ApiKeys;
using Prometheus;

namespace KeyOperator.Operator.Tests.Controllers;

/// <summary>The keyoperator_* families as a scrape of the host's registry shows them.</summary>
public sealed class RotationMetricsTests
{
    [Fact]
    public async Task Scrape_AfterRotationsAndSchedules_NamesLabelsAndValues()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var metrics = new RotationMetrics(registry);
        metrics.Rotated(lagSeconds: 3);
        metrics.Rotated(lagSeconds: null);
        metrics.Failed();
        metrics.NextRotation("ns", "api", DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        metrics.NextRotation("ns", "manual", null);

        var text = await RenderAsync(registry);

        Assert.Contains("# TYPE keyoperator_rotations_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("keyoperator_rotations_total{result=\"success\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("keyoperator_rotations_total{result=\"failure\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE keyoperator_rotation_lag_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("keyoperator_rotation_lag_seconds_bucket{le=\"5\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("keyoperator_rotation_lag_seconds_bucket{le=\"86400\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("keyoperator_rotation_lag_seconds_count 1\n", text, StringComparison.Ordinal);
        Assert.Contains("keyoperator_key_next_rotation_timestamp_seconds{namespace=\"ns\",apikey=\"api\"} 1800000000\n", text, StringComparison.Ordinal);
        Assert.Contains("keyoperator_key_next_rotation_timestamp_seconds{namespace=\"ns\",apikey=\"manual\"} 0\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forget_DeletedApiKey_SeriesLeavesTheScrape()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var metrics = new RotationMetrics(registry);
        metrics.NextRotation("ns", "gone", DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        metrics.NextRotation("ns", "kept", DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));

        metrics.Forget("ns", "gone");
        metrics.Forget("ns", "never-seen");
        var text = await RenderAsync(registry);

        Assert.DoesNotContain("apikey=\"gone\"", text, StringComparison.Ordinal);
        Assert.Contains("apikey=\"kept\"", text, StringComparison.Ordinal);
    }

    private static async Task<string> RenderAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
