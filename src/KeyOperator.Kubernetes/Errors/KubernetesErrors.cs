// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;

namespace KeyOperator.Kubernetes.Errors;

/// <summary>Turns an error response (or a watch ERROR event) into the matching exception type.</summary>
internal static class KubernetesErrors
{
    /// <summary>Maps an HTTP error response; a body that is not a meta/v1 Status is replaced by one derived from the code.</summary>
    public static KubernetesApiException FromResponse(int statusCode, ReadOnlySpan<byte> body, TimeSpan? retryAfter)
    {
        Status status = TryParseStatus(body) ?? FromCode(statusCode);
        return FromStatus(status, statusCode, retryAfter);
    }

    /// <summary>Maps a Status; <paramref name="statusCode"/> wins over <c>status.code</c> when both exist.</summary>
    public static KubernetesApiException FromStatus(Status status, int? statusCode = null, TimeSpan? retryAfter = null)
    {
        int code = statusCode ?? status.Code ?? 500;
        if (code is >= 200 and < 300 && status.Code is int embedded)
        {
            // A watch ERROR event travels inside a 200 response; the Status carries the real code.
            code = embedded;
        }

        retryAfter ??= status.Details?.RetryAfterSeconds is int seconds ? TimeSpan.FromSeconds(seconds) : null;
        string reason = status.Reason ?? string.Empty;
        return code switch
        {
            400 => new BadRequestException(status, code),
            401 => new UnauthorizedException(status, code),
            403 => new ForbiddenException(status, code),
            404 => new NotFoundException(status, code),
            409 when reason == "AlreadyExists" => new AlreadyExistsException(status, code),
            409 => new ConflictException(status, code),
            // apimachinery treats any 410 as expired (errors.IsResourceExpired / IsGone): callers must relist.
            410 => new ResourceExpiredException(status, code),
            422 => new InvalidException(status, code),
            429 => new TooManyRequestsException(status, code) { RetryAfter = retryAfter },
            500 when reason == "ServerTimeout" => new ServerTimeoutException(status, code),
            504 => new ServerTimeoutException(status, code),
            >= 500 => new InternalErrorException(status, code),
            _ => new KubernetesApiException(status, code),
        };
    }

    private static Status? TryParseStatus(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        try
        {
            // Check the wire "kind" itself: the model defaults Kind to "Status", so any JSON object would pass otherwise.
            using JsonDocument document = JsonDocument.Parse(body.ToArray());
            bool isStatus = document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("kind", out JsonElement kind)
                && kind.ValueKind == JsonValueKind.String
                && kind.GetString() == "Status";
            return isStatus ? document.RootElement.Deserialize(KubernetesJsonContext.Default.Status) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Mirrors apimachinery errors.NewGenericServerResponse: the reason follows from the code alone. The body is
    // deliberately not copied into the message, since it may echo request data.
    private static Status FromCode(int code)
    {
        (string reason, string message) = code switch
        {
            400 => ("BadRequest", "the server rejected our request for an unknown reason"),
            401 => ("Unauthorized", "the server has asked for the client to provide credentials"),
            403 => ("Forbidden", "the server does not allow access to the requested resource"),
            404 => ("NotFound", "the server could not find the requested resource"),
            405 => ("MethodNotAllowed", "the server does not allow this method on the requested resource"),
            406 => ("NotAcceptable", "the server was unable to respond with a content type that the client supports"),
            409 => ("Conflict", "the server reported a conflict"),
            410 => ("Gone", "the server reported the requested resource is gone"),
            413 => ("RequestEntityTooLarge", "the server has received a request that is too large"),
            415 => ("UnsupportedMediaType", "the server was unable to handle the media type requested"),
            422 => ("Invalid", "the server rejected our request due to an error in our request"),
            429 => ("TooManyRequests", "the server has received too many requests and has asked us to try again later"),
            503 => ("ServiceUnavailable", "the server is currently unable to handle the request"),
            504 => ("Timeout", "the server was unable to return a response in the time allotted, but may still be processing the request"),
            _ => ("InternalError", "an error on the server has prevented the request from succeeding"),
        };
        return new Status { Outcome = "Failure", Code = code, Reason = reason, Message = message };
    }
}
