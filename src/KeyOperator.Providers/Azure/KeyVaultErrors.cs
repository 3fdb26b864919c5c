// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using global::Azure;
using global::Azure.Identity;
using Microsoft.Identity.Client;

namespace KeyOperator.Providers.Azure;

/// <summary>
/// Turns the SDK's failures into <see cref="ProviderException"/>s. Messages are built from the HTTP status and the
/// service's error codes only: <see cref="RequestFailedException"/>'s own message carries the response body and
/// headers, and Entra's error descriptions carry trace ids and client details, so neither is ever copied.
/// </summary>
internal static class KeyVaultErrors
{
    public static ProviderException FromResponse(RequestFailedException exception, string vault, RemoteReference reference, TimeProvider time)
    {
        string code = exception.ErrorCode ?? "-";
        string? inner = InnerCode(exception);
        string codes = inner is null ? code : $"{code}/{inner}";
        string what = reference.Version is null ? $"secret {reference.Key}" : $"secret {reference.Key} version {reference.Version}";
        string message = $"Key Vault {vault} answered {exception.Status} ({codes}) for {what}";
        return exception.Status switch
        {
            0 => new ProviderException(ProviderFailure.Unavailable, $"Key Vault {vault} is unreachable for {what} ({Describe(exception.InnerException)})", null, exception),
            // A 404 means "this name or version does not exist" only when Key Vault itself says so; a bare 404 (a
            // proxy, a wrong URL) is not a confirmation that lets the controller treat the key as deleted.
            404 when code is "SecretNotFound" => new ProviderException(ProviderFailure.NotFound, message, null, exception),
            404 => new ProviderException(ProviderFailure.Unavailable, message + ": not Key Vault's SecretNotFound, so not taken as a confirmed deletion", null, exception),
            401 or 403 => new ProviderException(ProviderFailure.AuthFailed, message, null, exception),
            429 => new ProviderException(ProviderFailure.Throttled, message, RetryAfter(exception.GetRawResponse(), time), exception),
            400 => new ProviderException(ProviderFailure.InvalidRequest, message, null, exception),
            _ => new ProviderException(ProviderFailure.Unavailable, message, RetryAfter(exception.GetRawResponse(), time), exception),
        };
    }

    public static ProviderException FromLogin(AuthenticationFailedException exception, string clientId, string authority, TimeProvider time)
    {
        // A failure of the workload token source is the operator's own, already mapped.
        for (Exception? cause = exception; cause is not null; cause = cause.InnerException)
        {
            if (cause is ProviderException provider)
            {
                return provider;
            }

            if (cause is MsalServiceException msal)
            {
                string message = $"Entra ID at {authority} answered {msal.StatusCode} ({msal.ErrorCode}) to the token request of client {clientId}";
                return msal.StatusCode switch
                {
                    429 => new ProviderException(ProviderFailure.Throttled, message, msal.Headers?.RetryAfter?.Delta, exception),
                    0 or >= 500 => new ProviderException(ProviderFailure.Unavailable, message, null, exception),
                    _ => new ProviderException(ProviderFailure.AuthFailed, message, null, exception),
                };
            }

            if (cause is RequestFailedException { Status: 0 } or HttpRequestException or IOException or TimeoutException or TaskCanceledException)
            {
                return new ProviderException(ProviderFailure.Unavailable, $"Entra ID at {authority} is unreachable for client {clientId} ({Describe(cause.InnerException ?? cause)})", null, exception);
            }
        }

        return new ProviderException(ProviderFailure.AuthFailed, $"getting a token from Entra ID at {authority} for client {clientId} failed ({exception.GetType().Name})", null, exception);
    }

    /// <summary>How long the response asks us to wait: Retry-After (seconds or a date), or Azure's retry-after-ms.</summary>
    public static TimeSpan? RetryAfter(Response? response, TimeProvider time)
    {
        if (response is null)
        {
            return null;
        }

        foreach (string header in (string[])["retry-after-ms", "x-ms-retry-after-ms"])
        {
            if (response.Headers.TryGetValue(header, out string? ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out double milliseconds) && milliseconds > 0)
            {
                return TimeSpan.FromMilliseconds(milliseconds);
            }
        }

        if (!response.Headers.TryGetValue("Retry-After", out string? value))
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date) && date > time.GetUtcNow()
            ? date - time.GetUtcNow()
            : null;
    }

    /// <summary>A network failure by type and socket error, never by message (which may quote the server).</summary>
    private static string Describe(Exception? exception) => exception switch
    {
        null => "no response",
        HttpRequestException { HttpRequestError: not HttpRequestError.Unknown } http => http.HttpRequestError.ToString(),
        _ => exception.GetType().Name,
    };

    /// <summary>The Key Vault error's innererror code (ForbiddenByRbac, SecretDisabled, AccessDenied), if the body has one.</summary>
    private static string? InnerCode(RequestFailedException exception)
    {
        BinaryData? content = exception.GetRawResponse()?.Content;
        if (content is null || content.ToMemory().IsEmpty)
        {
            return null;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(content.ToMemory());
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out JsonElement error)
                && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("innererror", out JsonElement inner)
                && inner.ValueKind == JsonValueKind.Object
                && inner.TryGetProperty("code", out JsonElement code)
                && code.ValueKind == JsonValueKind.String
                && code.GetString() is { Length: > 0 and <= 64 } text
                && text.All(char.IsAsciiLetterOrDigit)
                ? text
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
