// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;

namespace KeyOperator.Runtime.Client;

/// <summary>
/// Builds the official client with the operator's handler chain, outermost first:
/// retries → client-side rate limit → per-request timeout → the inner handlers (metrics) → the
/// library's transport. Each retry is a new attempt, so it takes a token and is counted by the metrics.
/// </summary>
public static class KubernetesClientFactory
{
    /// <summary>Creates a client; dispose it with the host.</summary>
    /// <param name="configuration">From <see cref="KubernetesConfigurationLoader"/>; its timeout is turned off (see <see cref="RequestTimeoutHandler"/>).</param>
    /// <param name="options">Rate limit, timeout and retries.</param>
    /// <param name="time">The clock for waits.</param>
    /// <param name="inner">Handlers closest to the wire, such as the request metrics.</param>
    /// <returns>The client.</returns>
    public static k8s.Kubernetes Create(KubernetesClientConfiguration configuration, KubernetesClientOptions options, TimeProvider time, params DelegatingHandler[] inner)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(inner);

        // The library cancels the caller's token after HttpClientTimeout (100 s); RequestTimeoutHandler bounds
        // requests instead and says so with its own exception type.
        configuration.HttpClientTimeout = Timeout.InfiniteTimeSpan;

        // Name the operator, not the library ("kubernetes-csharp/…"), in audit logs and to fault targets, as the hand-written client did.
        configuration.UserAgent = "keyoperator";
        List<DelegatingHandler> chain = [new RetryHandler(options.MaxRetries, options.MaxRetryDelay, time)];
        if (options.Qps > 0)
        {
            chain.Add(new ClientRateLimitHandler(options.Qps, options.Burst, time));
        }

        chain.Add(new RequestTimeoutHandler(options.RequestTimeout));
        chain.AddRange(inner);
        return new k8s.Kubernetes(configuration, [.. chain]);
    }
}
