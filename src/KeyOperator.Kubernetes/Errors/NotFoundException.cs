// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Kubernetes.Models;

namespace KeyOperator.Kubernetes.Errors;

/// <summary>404 NotFound: the object (or its namespace) does not exist.</summary>
public sealed class NotFoundException : KubernetesApiException
{
    /// <summary>Creates the exception from the server's Status.</summary>
    /// <param name="status">The server's Status.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    public NotFoundException(Status status, int statusCode)
        : base(status, statusCode)
    {
    }
}
