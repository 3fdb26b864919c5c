// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Errors;
using Microsoft.AspNetCore.Http;

namespace KeyOperator.ControlPlane.Http;

/// <summary>Writes JSON responses with a Content-Length, as the apiserver does for non-watch responses.</summary>
internal static class ResponseWriter
{
    public const string JsonContentType = "application/json";

    public static async Task WriteJsonAsync(HttpContext context, int statusCode, JsonNode body, string contentType = JsonContentType)
    {
        await WriteTextAsync(context, statusCode, body.ToJsonString(), contentType).ConfigureAwait(false);
    }

    public static async Task WriteTextAsync(HttpContext context, int statusCode, string text, string contentType)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    public static Task WriteErrorAsync(HttpContext context, ApiException error)
    {
        if (error.RetryAfterSeconds is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return WriteJsonAsync(context, error.Code, error.ToStatus());
    }

    /// <summary>Adds <c>Warning: 299 - "text"</c> headers (RFC 7234 warn-code 299, the apiserver's format).</summary>
    public static void AddWarnings(HttpContext context, IEnumerable<string> warnings)
    {
        foreach (var warning in warnings.Distinct(StringComparer.Ordinal))
        {
            var escaped = warning.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
            context.Response.Headers.Append("Warning", $"299 - \"{escaped}\"");
        }
    }
}
