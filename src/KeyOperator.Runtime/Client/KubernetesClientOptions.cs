// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.ComponentModel.DataAnnotations;

namespace KeyOperator.Runtime.Client;

/// <summary>
/// How the operator's handler chain treats every request to the API server: a client-side rate limit, a per-request
/// timeout and retries. The official client has none of these (its only limit is a 100 s timeout that surfaces as a
/// bare cancellation).
/// </summary>
public sealed class KubernetesClientOptions
{
    /// <summary>
    /// Sustained requests per second: controller-runtime's long-standing default of 20. -1 turns the client-side
    /// limit off and leaves flow control to the API server's Priority and Fairness, as controller-runtime does since
    /// v0.21; otherwise 0.1 to 10,000.
    /// </summary>
    public double Qps { get; set; } = 20;

    /// <summary>Requests that may go at once above <see cref="Qps"/> (controller-runtime's default is 30).</summary>
    [Range(1, 100_000)]
    public int Burst { get; set; } = 30;

    /// <summary>
    /// Time one non-watch request may take, body included; past it the request fails with
    /// <see cref="KubernetesRequestTimeoutException"/>. Watches are bounded by their server-side timeout instead.
    /// 1 s to 10 min.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt (429 for every verb; 5xx and connection faults for reads only).</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 5;

    /// <summary>Longest wait honoured from a Retry-After header, and the cap of the exponential backoff; 10 ms to 5 min.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
