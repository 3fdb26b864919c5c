// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;

namespace KeyOperator.Runtime.Client;

/// <summary>
/// Retries what is safe to retry, as client-go's request.go (checkWait, retryAfterSeconds) does, because the official
/// client retries nothing:
/// <list type="bullet">
/// <item>429 Too Many Requests with a <c>Retry-After</c> header, for every verb: the server did not act on it.</item>
/// <item>5xx, connection faults and timeouts, for reads only: a write may have been applied before the fault, and
/// repeating it is the caller's decision (our writes carry a resourceVersion precondition and are requeued).</item>
/// </list>
/// Never a watch: the informer re-establishes those with its own backoff and resourceVersion.
/// </summary>
public sealed class RetryHandler(int maxRetries, TimeSpan maxDelay, TimeProvider time) : DelegatingHandler
{
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(200);

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (KubernetesRequests.IsWatch(request))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        bool read = KubernetesRequests.IsRead(request);
        for (int attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (read && attempt < maxRetries && IsTransportFault(ex, attempt, cancellationToken))
            {
                await Task.Delay(Backoff(attempt), time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            TimeSpan? wait = attempt < maxRetries ? RetryDelay(response, read, attempt) : null;
            if (wait is null)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(wait.Value, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan? RetryDelay(HttpResponseMessage response, bool read, int attempt)
    {
        TimeSpan? retryAfter = RetryAfter(response);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return retryAfter;
        }

        if (read && (int)response.StatusCode >= 500)
        {
            return retryAfter ?? Backoff(attempt);
        }

        return null;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        TimeSpan wait = header.Delta ?? (header.Date is { } date ? date - time.GetUtcNow() : TimeSpan.Zero);
        if (wait < TimeSpan.Zero)
        {
            wait = TimeSpan.Zero;
        }

        return wait > maxDelay ? maxDelay : wait;
    }

    private TimeSpan Backoff(int attempt)
    {
        // 200 ms doubling, capped, with up to 100 % jitter so that many replicas do not retry in step.
        double capped = Math.Min(maxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt));
        return TimeSpan.FromMilliseconds(capped * (1 + Random.Shared.NextDouble()) / 2);
    }

    // A timed-out read is retried once only: a server that is slow twice is overloaded, and each further attempt would
    // hold the caller (a reconcile worker) for another whole timeout.
    private static bool IsTransportFault(Exception exception, int attempt, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && (exception is HttpRequestException or IOException || (exception is KubernetesRequestTimeoutException && attempt == 0));
}
