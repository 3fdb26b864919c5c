// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Kubernetes.Models;

namespace KeyOperator.Kubernetes.Errors;

/// <summary>500 ServerTimeout or 504 Timeout: the server could not finish in time; safe to retry after <see cref="RetryAfter"/>.</summary>
public sealed class ServerTimeoutException : KubernetesApiException
{
    /// <summary>Creates the exception from the server's Status.</summary>
    /// <param name="status">The server's Status.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    public ServerTimeoutException(Status status, int statusCode)
        : base(status, statusCode)
    {
    }

    /// <summary>Suggested delay before retrying, when the server gave one.</summary>
    public TimeSpan? RetryAfter => Status.Details?.RetryAfterSeconds is int seconds ? TimeSpan.FromSeconds(seconds) : null;
}
