// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Kubernetes;
using KeyOperator.Runtime.Client;

namespace KeyOperator.Runtime.Kubernetes;

/// <summary>
/// Feeds the hand-written client's per-attempt observations into the same <c>rest_client_*</c> families as
/// <see cref="RestClientMetricsHandler"/>, for as long as that client is in use.
/// </summary>
public sealed class ClientRequestMetrics
{
    private readonly RestClientMetrics _metrics;

    /// <summary>Records into <paramref name="metrics"/>.</summary>
    /// <param name="metrics">The host's <c>rest_client_*</c> families.</param>
    public ClientRequestMetrics(RestClientMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _metrics = metrics;
    }

    /// <summary>Records one request attempt; pass this method as <c>KubernetesClientOptions.OnRequestCompleted</c>.</summary>
    /// <param name="metric">What the client observed.</param>
    public void Observe(KubernetesRequestMetric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        _metrics.Observe(metric.StatusCode, metric.Method, metric.Verb, metric.Duration);
    }
}
