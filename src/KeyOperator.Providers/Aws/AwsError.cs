// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace KeyOperator.Providers.Aws;

/// <summary>
/// An AWS error answer: its code and message, read the way the awsJson1_1 protocol tests say (the
/// <c>X-Amzn-ErrorType</c> header first, then the body's <c>__type</c> or <c>code</c>; a <c>namespace#</c> prefix and a
/// <c>:http://…</c> suffix dropped), and also from the XML <c>ErrorResponse</c> that an authentication layer in front
/// of the service (moto's IAM check, some proxies) sends instead.
/// </summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Code">The error code, such as <c>ResourceNotFoundException</c>, or null when the answer has none.</param>
/// <param name="Message">The service's message, shortened and without control characters, or null.</param>
internal sealed record AwsError(HttpStatusCode Status, string? Code, string? Message)
{
    private const int MaxMessageLength = 200;

    /// <summary>Reads an error answer.</summary>
    /// <param name="status">The status.</param>
    /// <param name="errorTypeHeader">The X-Amzn-ErrorType header, if any.</param>
    /// <param name="body">The body.</param>
    /// <returns>The error.</returns>
    public static AwsError Parse(HttpStatusCode status, string? errorTypeHeader, ReadOnlySpan<byte> body)
    {
        string? code = Sanitize(errorTypeHeader);
        string? message = null;
        ReadOnlySpan<byte> trimmed = body.TrimStart(" \t\r\n"u8);
        if (trimmed.Length > 0 && trimmed[0] == (byte)'{')
        {
            try
            {
                AwsJsonError? json = JsonSerializer.Deserialize(trimmed, AwsJsonContext.Default.AwsJsonError);
                code ??= Sanitize(json?.Type ?? json?.Code);
                message = json?.Message ?? json?.MessageUpper;
            }
            catch (JsonException)
            {
                // Not the protocol's JSON: the status alone decides.
            }
        }
        else if (trimmed.Length > 0 && trimmed[0] == (byte)'<')
        {
            (string? xmlCode, message) = FromXml(trimmed);
            code ??= Sanitize(xmlCode);
        }

        return new AwsError(status, code, Shorten(message));
    }

    /// <summary>The error for messages: <c>400 ResourceNotFoundException: message</c>.</summary>
    /// <returns>The text.</returns>
    public string Describe() => $"{(int)Status} {Code ?? "(no error code)"}{(Message is null ? string.Empty : ": " + Message)}";

    /// <summary>Drops the <c>namespace#</c> prefix and the <c>:http://…</c> suffix; keeps only identifier characters.</summary>
    internal static string? Sanitize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        string code = raw.Trim();
        int colon = code.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            code = code[..colon];
        }

        int hash = code.LastIndexOf('#');
        if (hash >= 0)
        {
            code = code[(hash + 1)..];
        }

        return code.Length is > 0 and <= 128 && code.All(static c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') ? code : null;
    }

    private static (string? Code, string? Message) FromXml(ReadOnlySpan<byte> body)
    {
        try
        {
            XmlReaderSettings settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 64 * 1024 };
            using MemoryStream stream = new(body.ToArray());
            using XmlReader reader = XmlReader.Create(stream, settings);
            string? code = null;
            string? message = null;
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (code is null && reader.LocalName == "Code")
                {
                    code = reader.ReadElementContentAsString();
                }
                else if (message is null && reader.LocalName == "Message")
                {
                    message = reader.ReadElementContentAsString();
                }
            }

            return (code, message);
        }
        catch (XmlException)
        {
            return (null, null);
        }
    }

    private static string? Shorten(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return null;
        }

        // AWS messages name resources and principals, not values; a cap keeps a surprise short and status readable.
        StringBuilder text = new(Math.Min(message.Length, MaxMessageLength + 1));
        foreach (char c in message.Trim())
        {
            if (text.Length == MaxMessageLength)
            {
                text.Append('…');
                break;
            }

            text.Append(char.IsControl(c) ? ' ' : c);
        }

        return text.ToString();
    }
}
