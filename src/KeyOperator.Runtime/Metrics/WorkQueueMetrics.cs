// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Prometheus;

namespace KeyOperator.Runtime.Metrics;

/// <summary>The series of one named work queue (client-go util/workqueue/metrics.go).</summary>
/// <param name="Depth">workqueue_depth.</param>
/// <param name="Adds">workqueue_adds_total.</param>
/// <param name="QueueLatency">workqueue_queue_duration_seconds.</param>
/// <param name="WorkDuration">workqueue_work_duration_seconds.</param>
/// <param name="Retries">workqueue_retries_total.</param>
public sealed record WorkQueueMetrics(IGauge Depth, ICounter Adds, IHistogram QueueLatency, IHistogram WorkDuration, ICounter Retries);
