// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Client;

/// <summary>
/// Records every HTTP attempt that passes through it into <c>rest_client_requests_total{code,method}</c> (code
/// <c>&lt;error&gt;</c> when no response arrived) and <c>rest_client_request_duration_seconds{verb}</c> (time to
/// response headers; for a watch, until the stream opened). Put it inside any retrying handler so that each retry is
/// an attempt of its own, as client-go counts them. A handler instance serves one pipeline: resolve a new one from
/// the container (it is registered transient) for each client.
/// </summary>
public sealed class RestClientMetricsHandler : DelegatingHandler
{
    private readonly RestClientMetrics _metrics;
    private readonly TimeProvider _time;

    /// <summary>Creates a handler that records into <paramref name="metrics"/>.</summary>
    /// <param name="metrics">The host's <c>rest_client_*</c> families (a singleton in the container).</param>
    /// <param name="timeProvider">The clock that times attempts; the system clock when null.</param>
    public RestClientMetricsHandler(RestClientMetrics metrics, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _metrics = metrics;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // Told before sending: the content (and so its type) may be disposed once the request has gone.
        var verb = KubernetesVerb.Of(request);
        var started = _time.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _metrics.Observe(null, request.Method.Method, verb, _time.GetElapsedTime(started));
            throw;
        }

        _metrics.Observe((int)response.StatusCode, request.Method.Method, verb, _time.GetElapsedTime(started));
        return response;
    }

    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var verb = KubernetesVerb.Of(request);
        var started = _time.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = base.Send(request, cancellationToken);
        }
        catch
        {
            _metrics.Observe(null, request.Method.Method, verb, _time.GetElapsedTime(started));
            throw;
        }

        _metrics.Observe((int)response.StatusCode, request.Method.Method, verb, _time.GetElapsedTime(started));
        return response;
    }
}
