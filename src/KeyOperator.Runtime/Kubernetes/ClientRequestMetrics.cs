// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using KeyOperator.Kubernetes;
using KeyOperator.Runtime.Metrics;

namespace KeyOperator.Runtime.Kubernetes;

/// <summary>
/// Exports the client's per-attempt request observations with client-go's metric names:
/// <c>rest_client_requests_total{code,method}</c> and <c>rest_client_request_duration_seconds{verb}</c>.
/// Labels carry only the HTTP method, verb and status code – never paths, names or bodies.
/// </summary>
public sealed class ClientRequestMetrics
{
    private readonly CounterFamily _requests;
    private readonly HistogramFamily _duration;

    /// <summary>Registers the two families in <paramref name="registry"/>.</summary>
    /// <param name="registry">The operator's metrics registry.</param>
    public ClientRequestMetrics(MetricsRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _requests = registry.Counter("rest_client_requests_total", "Number of HTTP requests to the API server, partitioned by status code and method.", "code", "method");
        _duration = registry.Histogram(
            "rest_client_request_duration_seconds",
            "Request latency to the API server in seconds, by verb.",
            [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60],
            "verb");
    }

    /// <summary>Records one request attempt; pass this method as <c>KubernetesClientOptions.OnRequestCompleted</c>.</summary>
    /// <param name="metric">What the client observed.</param>
    public void Observe(KubernetesRequestMetric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        string code = metric.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "<error>";
        _requests.WithLabels(code, metric.Method).Inc();
        _duration.WithLabels(metric.Verb).Observe(metric.Duration.TotalSeconds);
    }
}
