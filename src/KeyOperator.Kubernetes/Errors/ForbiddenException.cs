// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Kubernetes.Models;

namespace KeyOperator.Kubernetes.Errors;

/// <summary>403 Forbidden: authenticated, but RBAC does not allow the verb (also used when a namespace is terminating).</summary>
public sealed class ForbiddenException : KubernetesApiException
{
    /// <summary>Creates the exception from the server's Status.</summary>
    /// <param name="status">The server's Status.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    public ForbiddenException(Status status, int statusCode)
        : base(status, statusCode)
    {
    }
}
