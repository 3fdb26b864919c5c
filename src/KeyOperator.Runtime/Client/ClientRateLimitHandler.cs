// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Queue;

namespace KeyOperator.Runtime.Client;

/// <summary>
/// client-go's client-side rate limit (rest.Config QPS/Burst, a token bucket shared by every request of one client,
/// watches and retries included), so that an operator starting against 10,000 objects cannot flood an API server.
/// </summary>
public sealed class ClientRateLimitHandler : DelegatingHandler
{
    private readonly TokenBucket _bucket;
    private readonly TimeProvider _time;

    /// <summary>Creates the limiter.</summary>
    /// <param name="qps">Sustained requests per second.</param>
    /// <param name="burst">Requests that may go at once.</param>
    /// <param name="time">The clock.</param>
    public ClientRateLimitHandler(double qps, int burst, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _bucket = new TokenBucket(qps, burst, time);
        _time = time;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        TimeSpan wait = _bucket.Reserve();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
