// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes;

/// <summary>Behaviour of a <see cref="KubernetesClient"/> (as opposed to where it connects, which is <see cref="KubernetesClientConfiguration"/>).</summary>
public sealed record KubernetesClientOptions
{
    /// <summary>Clock used for retry delays and token refresh; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Retries after the first attempt; see <see cref="KubernetesClient"/> for which failures are retried. 0 disables.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>First delay when the server gives no Retry-After; doubles per attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan InitialRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound of any retry delay, including a server's Retry-After.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of one non-watch request attempt.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>User-Agent header.</summary>
    public string UserAgent { get; init; } = "keyoperator";

    /// <summary>
    /// Called with the text of each <c>Warning</c> response header (deprecated APIs, unknown fields under
    /// <c>fieldValidation=Warn</c>); must be fast and must not throw.
    /// </summary>
    public Action<string>? OnWarning { get; init; }

    /// <summary>Called after every HTTP attempt; must be fast and must not throw.</summary>
    public Action<KubernetesRequestMetric>? OnRequestCompleted { get; init; }
}
