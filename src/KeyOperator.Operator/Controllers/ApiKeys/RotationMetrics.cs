// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Prometheus;

namespace KeyOperator.Operator.Controllers.ApiKeys;

/// <summary>
/// Rotation metrics. Labels name objects and outcomes only, never key material or fingerprints.
/// </summary>
internal sealed class RotationMetrics
{
    public const string Success = "success";
    public const string Failure = "failure";

    // Lag spans timer slack (sub-second) up to an operator that was down for hours.
    private static readonly double[] s_lagBuckets = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600, 14400, 86400];

    private readonly Counter _rotations;
    private readonly Histogram _lag;
    private readonly Gauge _next;

    public RotationMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _rotations = factory.CreateCounter("keyoperator_rotations_total", "Key rotations by result (success: committed; failure: blocked or a step failed)", "result");
        _lag = factory.CreateHistogram("keyoperator_rotation_lag_seconds", "Seconds between when a scheduled rotation was due and when it was committed", new HistogramConfiguration { Buckets = s_lagBuckets });
        _next = factory.CreateGauge("keyoperator_key_next_rotation_timestamp_seconds", "Unix time of the next scheduled rotation per ApiKey (0: none scheduled)", "namespace", "apikey");
    }

    public void Rotated(double? lagSeconds)
    {
        _rotations.WithLabels(Success).Inc();
        if (lagSeconds is { } lag)
        {
            _lag.Observe(Math.Max(0, lag));
        }
    }

    public void Failed() => _rotations.WithLabels(Failure).Inc();

    public void Forget(string? @namespace, string name) => _next.RemoveLabelled(@namespace ?? string.Empty, name);

    public void NextRotation(string? @namespace, string name, DateTimeOffset? next) =>
        _next.WithLabels(@namespace ?? string.Empty, name).Set(next?.ToUnixTimeSeconds() ?? 0);
}
