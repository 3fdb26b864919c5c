// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Kubernetes.Models;

namespace KeyOperator.Kubernetes.Errors;

/// <summary>429 TooManyRequests: the server (or API Priority and Fairness) throttled the request.</summary>
public sealed class TooManyRequestsException : KubernetesApiException
{
    /// <summary>Creates the exception from the server's Status.</summary>
    /// <param name="status">The server's Status.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    public TooManyRequestsException(Status status, int statusCode)
        : base(status, statusCode)
    {
    }

    /// <summary>How long the server asked the client to wait (Retry-After header, else <c>details.retryAfterSeconds</c>).</summary>
    public TimeSpan? RetryAfter { get; init; }
}
