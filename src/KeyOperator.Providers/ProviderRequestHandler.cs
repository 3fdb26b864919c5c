// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Net;

namespace KeyOperator.Providers;

/// <summary>
/// The handler every store request goes through: waits for the store's budget, counts the request, and turns a 429
/// into a pause of every client of the store (Retry-After in seconds or as a date, else exponential backoff). It does
/// not retry: the controller's requeue with backoff does, so a throttled store is never hammered from here.
/// </summary>
internal sealed class ProviderRequestHandler(string provider, ProviderRateLimiter limiter, ProviderMetrics metrics, TimeProvider time) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            metrics.Request(provider, "error");
            throw;
        }

        metrics.Request(provider, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            limiter.Throttled(RetryAfter(response));
        }
        else if (response.IsSuccessStatusCode)
        {
            limiter.Succeeded();
        }

        return response;
    }

    /// <summary>The Retry-After of a response, as a delay from now.</summary>
    /// <param name="response">The response.</param>
    /// <returns>The delay, or null when the response gives none.</returns>
    internal TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        if (retryAfter.Delta is { } delta)
        {
            return delta;
        }

        return retryAfter.Date is { } date ? date - time.GetUtcNow() : null;
    }
}
