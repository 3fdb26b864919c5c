// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Kubernetes.Models;

namespace KeyOperator.Kubernetes.Errors;

/// <summary>A 5xx error other than a timeout: InternalError, ServiceUnavailable, or a bad gateway in front of the server.</summary>
public sealed class InternalErrorException : KubernetesApiException
{
    /// <summary>Creates the exception from the server's Status.</summary>
    /// <param name="status">The server's Status.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    public InternalErrorException(Status status, int statusCode)
        : base(status, statusCode)
    {
    }
}
