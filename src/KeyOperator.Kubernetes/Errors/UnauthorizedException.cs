// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Kubernetes.Models;

namespace KeyOperator.Kubernetes.Errors;

/// <summary>401 Unauthorized: the credentials were missing, wrong or expired.</summary>
public sealed class UnauthorizedException : KubernetesApiException
{
    /// <summary>Creates the exception from the server's Status.</summary>
    /// <param name="status">The server's Status.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    public UnauthorizedException(Status status, int statusCode)
        : base(status, statusCode)
    {
    }
}
