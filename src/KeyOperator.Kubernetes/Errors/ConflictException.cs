// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Kubernetes.Models;

namespace KeyOperator.Kubernetes.Errors;

/// <summary>409 Conflict: the resourceVersion precondition failed (stale object) or a server-side apply hit a field-manager conflict. Re-read and retry.</summary>
public sealed class ConflictException : KubernetesApiException
{
    /// <summary>Creates the exception from the server's Status.</summary>
    /// <param name="status">The server's Status.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    public ConflictException(Status status, int statusCode)
        : base(status, statusCode)
    {
    }
}
