// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Kubernetes.Models;

namespace KeyOperator.Kubernetes.Errors;

/// <summary>422 Invalid: the object failed validation. <see cref="Causes"/> names each offending field.</summary>
public sealed class InvalidException : KubernetesApiException
{
    /// <summary>Creates the exception from the server's Status.</summary>
    /// <param name="status">The server's Status.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    public InvalidException(Status status, int statusCode)
        : base(status, statusCode)
    {
    }

    /// <summary>Field-level causes; empty when the server gave none.</summary>
    public IReadOnlyList<StatusCause> Causes => Status.Details?.Causes ?? [];
}
