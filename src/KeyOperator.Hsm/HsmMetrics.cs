// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Prometheus;

namespace KeyOperator.Hsm;

/// <summary>
/// <c>keyoperator_hsm_operations_total{hsm,operation,result}</c> and <c>keyoperator_hsm_operation_duration_seconds{hsm,operation}</c>.
/// Labels carry the configured HSM name, a fixed operation name and <c>ok</c> or a CKR name: never a key label, a PIN
/// or anything an ApiKey names.
/// </summary>
public sealed class HsmMetrics
{
    private readonly Counter _operations;
    private readonly Histogram _duration;

    /// <summary>Creates the metrics in the host's registry.</summary>
    /// <param name="registry">The registry.</param>
    public HsmMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _operations = factory.CreateCounter("keyoperator_hsm_operations_total", "PKCS#11 operations by HSM, operation and result (ok or the CKR name)", "hsm", "operation", "result");
        _duration = factory.CreateHistogram(
            "keyoperator_hsm_operation_duration_seconds",
            "Duration of PKCS#11 operations by HSM and operation, waiting for a session included",
            new HistogramConfiguration
            {
                LabelNames = ["hsm", "operation"],
                Buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
            });
    }

    internal void Observe(string hsm, string operation, string result, TimeSpan elapsed)
    {
        _operations.WithLabels(hsm, operation, result).Inc();
        _duration.WithLabels(hsm, operation).Observe(elapsed.TotalSeconds);
    }
}
