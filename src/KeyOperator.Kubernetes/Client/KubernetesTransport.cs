// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using System.Net.Http.Headers;
using KeyOperator.Kubernetes.Authentication;
using KeyOperator.Kubernetes.Errors;

namespace KeyOperator.Kubernetes;

/// <summary>
/// Sends requests with credentials, per-attempt timeouts, retries and metrics; turns error responses into exceptions.
/// </summary>
/// <remarks>
/// Retry policy, modelled on client-go's <c>rest/request.go</c> and <c>rest/with_retry.go</c>: a 429 is retried for
/// every verb, because the server rejected it before doing anything (max-in-flight / API Priority and Fairness), and the
/// Retry-After header (else <c>details.retryAfterSeconds</c>) is honoured. 5xx responses and connection faults are
/// retried only for GETs (get, list, opening a watch): a POST, PUT, PATCH or DELETE may already have taken effect, and
/// repeating it would turn success into AlreadyExists, Conflict or NotFound. A 401 is retried once with fresh
/// credentials when they can change (exec plugin, token file).
/// </remarks>
internal sealed class KubernetesTransport(
    HttpClient httpClient, IRequestAuthenticator authenticator, KubernetesClientOptions options) : IDisposable
{
    public async Task<HttpResponseMessage> SendAsync(KubernetesRequest request, CancellationToken cancellationToken)
    {
        TimeProvider clock = options.TimeProvider;
        bool reauthenticated = false;
        for (int attempt = 0; ; attempt++)
        {
            using var timeout = request.Streaming ? null : new CancellationTokenSource(options.RequestTimeout, clock);
            using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            CancellationToken token = linked?.Token ?? cancellationToken;

            using HttpRequestMessage message = await CreateMessageAsync(request, token).ConfigureAwait(false);
            long started = clock.GetTimestamp();
            HttpResponseMessage response;
            try
            {
                response = await httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                Report(request, null, clock.GetElapsedTime(started));
                if (request.Idempotent && attempt < options.MaxRetries)
                {
                    await Task.Delay(Backoff(attempt), clock, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (ex is OperationCanceledException)
                {
                    throw new TimeoutException($"The Kubernetes API request ({request.Verb} {request.Type}) timed out after {options.RequestTimeout}.", ex);
                }

                throw;
            }

            int code = (int)response.StatusCode;
            Report(request, code, clock.GetElapsedTime(started));
            ReportWarnings(response);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            byte[] body;
            TimeSpan? retryAfter;
            using (response)
            {
                body = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
                retryAfter = RetryAfter(response, clock);
            }

            if (code == (int)HttpStatusCode.Unauthorized && !reauthenticated && authenticator.Invalidate())
            {
                reauthenticated = true;
                continue;
            }

            KubernetesApiException error = KubernetesErrors.FromResponse(code, body, retryAfter);
            bool retryable = code == 429 || (code >= 500 && request.Idempotent);
            if (!retryable || attempt >= options.MaxRetries)
            {
                throw error;
            }

            TimeSpan delay = retryAfter
                ?? (error.Status.Details?.RetryAfterSeconds is int seconds ? TimeSpan.FromSeconds(seconds) : Backoff(attempt));
            await Task.Delay(delay > options.MaxRetryDelay ? options.MaxRetryDelay : delay, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        httpClient.Dispose();
        (authenticator as IDisposable)?.Dispose();
    }

    private async Task<HttpRequestMessage> CreateMessageAsync(KubernetesRequest request, CancellationToken cancellationToken)
    {
        // Relative to the base address, so that a path prefix in the server URL is kept.
        var message = new HttpRequestMessage(request.Method, new Uri(request.PathAndQuery.TrimStart('/'), UriKind.Relative));
        message.Headers.TryAddWithoutValidation("Accept", request.Accept);
        message.Headers.TryAddWithoutValidation("User-Agent", options.UserAgent);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType ?? "application/json");
        }

        await authenticator.AuthenticateAsync(message, cancellationToken).ConfigureAwait(false);
        return message;
    }

    private TimeSpan Backoff(int attempt)
    {
        double milliseconds = options.InitialRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16));
        return TimeSpan.FromMilliseconds(Math.Min(milliseconds, options.MaxRetryDelay.TotalMilliseconds));
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider clock)
    {
        RetryConditionHeaderValue? header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? (date - clock.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero) : null;
    }

    // RFC 7234 warn-value as the apiserver writes it: 299 - "text" (apiserver pkg/warning; client-go rest/warnings.go).
    private void ReportWarnings(HttpResponseMessage response)
    {
        if (options.OnWarning is null || !response.Headers.TryGetValues("Warning", out IEnumerable<string>? values))
        {
            return;
        }

        foreach (string value in values)
        {
            int open = value.IndexOf('"', StringComparison.Ordinal);
            int close = value.LastIndexOf('"');
            options.OnWarning(open >= 0 && close > open ? value[(open + 1)..close].Replace("\\\"", "\"", StringComparison.Ordinal) : value);
        }
    }

    private void Report(KubernetesRequest request, int? code, TimeSpan duration) =>
        options.OnRequestCompleted?.Invoke(new KubernetesRequestMetric(request.Verb, request.Method.Method, request.Type.ToString(), code, duration));
}
