// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Prometheus;

namespace KeyOperator.Runtime.Metrics;

/// <summary>
/// The metric families of the runtime, named as controller-runtime names them (pkg/internal/controller/metrics/metrics.go,
/// pkg/metrics/workqueue.go, pkg/metrics/leaderelection.go) so that existing dashboards and alerts work unchanged.
/// </summary>
public sealed class OperatorMetrics
{
    private static readonly double[] s_reconcileBuckets =
    [
        0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0,
        1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60,
    ];

    // controller-runtime uses ExponentialBuckets(10e-9, 10, 12): 10 ns to 1000 s. Written out rather than computed,
    // because repeated multiplication gives bounds such as 9.999999999999999e-06 that read badly on dashboards.
    private static readonly double[] s_queueBuckets = [1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1000];

    /// <summary>Registers the runtime's families on <paramref name="registry"/>.</summary>
    /// <param name="registry">The operator host's registry (never the static default one, so hosts in one process stay apart).</param>
    public OperatorMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        ReconcileTotal = factory.CreateCounter("controller_runtime_reconcile_total", "Total number of reconciliations per controller", "controller", "result");
        ReconcileErrors = factory.CreateCounter("controller_runtime_reconcile_errors_total", "Total number of reconciliation errors per controller", "controller");
        ReconcileTime = factory.CreateHistogram("controller_runtime_reconcile_time_seconds", "Length of time per reconciliation per controller", new HistogramConfiguration { Buckets = s_reconcileBuckets, LabelNames = ["controller"] });
        QueueDepth = factory.CreateGauge("workqueue_depth", "Current depth of workqueue", "name");
        QueueAdds = factory.CreateCounter("workqueue_adds_total", "Total number of adds handled by workqueue", "name");
        QueueLatency = factory.CreateHistogram("workqueue_queue_duration_seconds", "How long in seconds an item stays in workqueue before being requested", new HistogramConfiguration { Buckets = s_queueBuckets, LabelNames = ["name"] });
        WorkDuration = factory.CreateHistogram("workqueue_work_duration_seconds", "How long in seconds processing an item from workqueue takes.", new HistogramConfiguration { Buckets = s_queueBuckets, LabelNames = ["name"] });
        Retries = factory.CreateCounter("workqueue_retries_total", "Total number of retries handled by workqueue", "name");
        LeaderStatus = factory.CreateGauge("leader_election_master_status", "Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates master. 'name' is the string used to identify the lease. Please make sure to group by name.", "name");
    }

    /// <summary>The registry the families live in.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>controller_runtime_reconcile_total{controller,result}; result is success, error, requeue or requeue_after.</summary>
    public Counter ReconcileTotal { get; }

    /// <summary>controller_runtime_reconcile_errors_total{controller}.</summary>
    public Counter ReconcileErrors { get; }

    /// <summary>controller_runtime_reconcile_time_seconds{controller}.</summary>
    public Histogram ReconcileTime { get; }

    /// <summary>workqueue_depth{name}.</summary>
    public Gauge QueueDepth { get; }

    /// <summary>workqueue_adds_total{name}.</summary>
    public Counter QueueAdds { get; }

    /// <summary>workqueue_queue_duration_seconds{name}: time from add to hand-out.</summary>
    public Histogram QueueLatency { get; }

    /// <summary>workqueue_work_duration_seconds{name}: time from hand-out to Done.</summary>
    public Histogram WorkDuration { get; }

    /// <summary>workqueue_retries_total{name}: rate-limited re-adds.</summary>
    public Counter Retries { get; }

    /// <summary>leader_election_master_status{name}: 1 while leading, 0 otherwise.</summary>
    public Gauge LeaderStatus { get; }

    /// <summary>Returns the series a work queue called <paramref name="name"/> reports to.</summary>
    public WorkQueueMetrics ForQueue(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new WorkQueueMetrics(
            QueueDepth.WithLabels(name),
            QueueAdds.WithLabels(name),
            QueueLatency.WithLabels(name),
            WorkDuration.WithLabels(name),
            Retries.WithLabels(name));
    }
}
