// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Kubernetes.Models;

namespace KeyOperator.Kubernetes.Errors;

/// <summary>400 BadRequest: the request was malformed (for example an unknown field under fieldValidation=Strict).</summary>
public sealed class BadRequestException : KubernetesApiException
{
    /// <summary>Creates the exception from the server's Status.</summary>
    /// <param name="status">The server's Status.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    public BadRequestException(Status status, int statusCode)
        : base(status, statusCode)
    {
    }
}
