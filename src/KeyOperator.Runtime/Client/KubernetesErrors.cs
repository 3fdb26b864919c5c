// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace KeyOperator.Runtime.Client;

/// <summary>
/// Reads the API server's answer out of the library's exceptions: an <see cref="HttpOperationException"/> carries the
/// status code and the Status body; a watch ERROR event arrives as a <see cref="KubernetesException"/>.
/// </summary>
public static class KubernetesErrors
{
    /// <summary>The HTTP status (or the Status object's code), or null for anything that is not an API answer.</summary>
    public static int? StatusCode(Exception exception) => exception switch
    {
        HttpOperationException { Response: { } response } => (int)response.StatusCode,
        KubernetesException { Status.Code: { } code } => code,
        _ => null,
    };

    /// <summary>The Status object the server sent, if it sent one.</summary>
    public static V1Status? Status(Exception exception)
    {
        switch (exception)
        {
            case KubernetesException { Status: { } status }:
                return status;
            case HttpOperationException { Response.Content: { Length: > 0 } content } when content.TrimStart().StartsWith('{'):
                try
                {
                    return KubernetesJson.Deserialize<V1Status>(content);
                }
                catch (System.Text.Json.JsonException)
                {
                    return null;
                }

            default:
                return null;
        }
    }

    /// <summary>404: the object (or its namespace) does not exist.</summary>
    public static bool IsNotFound(Exception exception) => StatusCode(exception) == (int)HttpStatusCode.NotFound;

    /// <summary>409 with reason AlreadyExists: a create lost to an object of the same name.</summary>
    public static bool IsAlreadyExists(Exception exception) =>
        StatusCode(exception) == (int)HttpStatusCode.Conflict && Status(exception)?.Reason == "AlreadyExists";

    /// <summary>409 other than AlreadyExists: a resourceVersion precondition failed (someone wrote first).</summary>
    public static bool IsConflict(Exception exception) =>
        StatusCode(exception) == (int)HttpStatusCode.Conflict && Status(exception)?.Reason != "AlreadyExists";

    /// <summary>410 Gone (or reason Expired): the resourceVersion or continue token is too old; list again.</summary>
    public static bool IsGone(Exception exception) =>
        StatusCode(exception) == (int)HttpStatusCode.Gone || Status(exception)?.Reason is "Expired" or "Gone";

    /// <summary>422 Invalid: the object failed validation (admission denials are 403 or 400, see the message).</summary>
    public static bool IsInvalid(Exception exception) => StatusCode(exception) == 422;

    /// <summary>The server's message, or the exception's own; for status conditions and logs (never a body).</summary>
    public static string Message(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Status(exception)?.Message ?? exception.Message;
    }
}
