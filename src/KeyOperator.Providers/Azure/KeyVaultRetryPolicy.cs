// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using global::Azure.Core;
using global::Azure.Core.Pipeline;

namespace KeyOperator.Providers.Azure;

/// <summary>
/// The SDK's retry policy with a short budget: two retries, 200 ms doubling to at most 2 s, for the transient failures
/// the SDK classifies as retriable (network errors, 408, 5xx). A 429, or any answer with a Retry-After, is not retried
/// here: the request handler has already paused every client of the store for that long, and the controller requeues
/// the object after it; retrying inside the SDK would block a reconcile worker for the whole pause (the SDK honours
/// Retry-After without a cap) and spend the store's budget twice.
/// </summary>
internal sealed class KeyVaultRetryPolicy : RetryPolicy
{
    internal const int MaxRetries = 2;

    public KeyVaultRetryPolicy()
        : base(MaxRetries, DelayStrategy.CreateExponentialDelayStrategy(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2)))
    {
    }

    protected override bool ShouldRetry(HttpMessage message, Exception? exception) => !AskedToWait(message) && base.ShouldRetry(message, exception);

    protected override ValueTask<bool> ShouldRetryAsync(HttpMessage message, Exception? exception) =>
        AskedToWait(message) ? ValueTask.FromResult(false) : base.ShouldRetryAsync(message, exception);

    private static bool AskedToWait(HttpMessage message) =>
        message.HasResponse && (message.Response.Status == 429 || message.Response.Headers.Contains("Retry-After"));
}
