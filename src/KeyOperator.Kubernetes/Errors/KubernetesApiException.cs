// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Kubernetes.Models;

namespace KeyOperator.Kubernetes.Errors;

/// <summary>
/// The API server refused a request. <see cref="Status"/> is the server's meta/v1 Status (synthesized from the HTTP
/// status when the body was not a Status). Messages never include request bodies, so no secret data leaks through.
/// Catch a subclass to react to one reason; catch this type for any API error.
/// </summary>
public class KubernetesApiException : Exception
{
    /// <summary>Creates the exception from a Status.</summary>
    /// <param name="status">The server's Status.</param>
    /// <param name="statusCode">The HTTP status code of the response (or of the watch ERROR event).</param>
    public KubernetesApiException(Status status, int statusCode)
        : base(BuildMessage(status, statusCode))
    {
        ArgumentNullException.ThrowIfNull(status);
        Status = status;
        StatusCode = statusCode;
    }

    /// <summary>The Status returned by the server.</summary>
    public Status Status { get; }

    /// <summary>HTTP status code, such as 404.</summary>
    public int StatusCode { get; }

    /// <summary>Machine-readable reason such as <c>NotFound</c>; empty when the server gave none.</summary>
    public string Reason => Status.Reason ?? string.Empty;

    private static string BuildMessage(Status status, int statusCode)
    {
        ArgumentNullException.ThrowIfNull(status);
        string reason = string.IsNullOrEmpty(status.Reason) ? "Unknown" : status.Reason;
        return string.IsNullOrEmpty(status.Message)
            ? $"Kubernetes API error {statusCode} ({reason})."
            : $"Kubernetes API error {statusCode} ({reason}): {status.Message}";
    }
}
