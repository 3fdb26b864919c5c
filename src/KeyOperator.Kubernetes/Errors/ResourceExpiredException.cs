// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Kubernetes.Models;

namespace KeyOperator.Kubernetes.Errors;

/// <summary>410 Gone or Expired: a watch or paged list asked for a resourceVersion (or continue token) that the server has compacted away. Drop the cache, list again and watch from the new list's version.</summary>
public sealed class ResourceExpiredException : KubernetesApiException
{
    /// <summary>Creates the exception from the server's Status.</summary>
    /// <param name="status">The server's Status.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    public ResourceExpiredException(Status status, int statusCode)
        : base(status, statusCode)
    {
    }
}
