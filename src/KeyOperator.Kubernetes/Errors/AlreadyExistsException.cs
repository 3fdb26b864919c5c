// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Kubernetes.Models;

namespace KeyOperator.Kubernetes.Errors;

/// <summary>409 AlreadyExists: a create named an object that already exists.</summary>
public sealed class AlreadyExistsException : KubernetesApiException
{
    /// <summary>Creates the exception from the server's Status.</summary>
    /// <param name="status">The server's Status.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    public AlreadyExistsException(Status status, int statusCode)
        : base(status, statusCode)
    {
    }
}
