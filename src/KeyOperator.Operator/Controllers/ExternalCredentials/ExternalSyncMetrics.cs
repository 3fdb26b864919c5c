// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Prometheus;

namespace KeyOperator.Operator.Controllers.ExternalCredentials;

/// <summary>Sync metrics; labels are the provider and result only, never names or values.</summary>
internal sealed class ExternalSyncMetrics
{
    private readonly Counter _syncs;
    private readonly Histogram _duration;

    public ExternalSyncMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _syncs = factory.CreateCounter("keyoperator_external_sync_total", "ExternalCredential syncs by provider and result (a Ready reason)", "provider", "result");
        _duration = factory.CreateHistogram("keyoperator_external_sync_duration_seconds", "Duration of ExternalCredential syncs, store reads and Secret write included", new HistogramConfiguration
        {
            LabelNames = ["provider"],
            Buckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
        });
    }

    public void Synced(string provider, string result, TimeSpan duration)
    {
        _syncs.WithLabels(provider, result).Inc();
        _duration.WithLabels(provider).Observe(duration.TotalSeconds);
    }
}
