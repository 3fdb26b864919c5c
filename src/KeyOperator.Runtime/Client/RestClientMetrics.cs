// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using Prometheus;

namespace KeyOperator.Runtime.Client;

/// <summary>
/// client-go's API client families, <c>rest_client_requests_total{code,method}</c> and
/// <c>rest_client_request_duration_seconds{verb}</c>. One instance per registry, shared by every
/// <see cref="RestClientMetricsHandler"/> so each family is registered once however many clients record into it.
/// Labels carry only the status code, HTTP method and verb –
/// never paths, names or bodies.
/// </summary>
public sealed class RestClientMetrics
{
    /// <summary>The <c>code</c> label of an attempt that got no response (connection fault, timeout, cancellation).</summary>
    public const string NoResponseCode = "<error>";

    private static readonly double[] s_durationBuckets = [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60];

    /// <summary>Registers the two families in <paramref name="registry"/>.</summary>
    /// <param name="registry">The operator host's registry.</param>
    public RestClientMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        Requests = factory.CreateCounter("rest_client_requests_total", "Number of HTTP requests to the API server, partitioned by status code and method.", "code", "method");
        RequestDuration = factory.CreateHistogram(
            "rest_client_request_duration_seconds",
            "Request latency to the API server in seconds, by verb.",
            new HistogramConfiguration { Buckets = s_durationBuckets, LabelNames = ["verb"] });
    }

    /// <summary>rest_client_requests_total{code,method}.</summary>
    public Counter Requests { get; }

    /// <summary>rest_client_request_duration_seconds{verb}: time to response headers.</summary>
    public Histogram RequestDuration { get; }

    /// <summary>Records one HTTP attempt.</summary>
    /// <param name="statusCode">The response status, or null when no response arrived.</param>
    /// <param name="method">The HTTP method, upper case.</param>
    /// <param name="verb">The Kubernetes verb (get, list, watch, create, update, patch, apply, delete).</param>
    /// <param name="duration">Time until the response headers arrived (or the attempt failed).</param>
    public void Observe(int? statusCode, string method, string verb, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(verb);
        var code = statusCode?.ToString(CultureInfo.InvariantCulture) ?? NoResponseCode;
        Requests.WithLabels(code, method).Inc();
        RequestDuration.WithLabels(verb).Observe(Math.Max(0, duration.TotalSeconds));
    }
}
