// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Net.Http.Headers;
using Amazon.Runtime;

namespace KeyOperator.Providers.Aws;

/// <summary>
/// Builds a signed awsJson1_1 call to Secrets Manager, as botocore sends it: <c>POST /</c> with
/// <c>Content-Type: application/x-amz-json-1.1</c> and <c>X-Amz-Target: secretsmanager.&lt;Operation&gt;</c>, signing
/// content-type, host, x-amz-date, x-amz-target (and x-amz-security-token with temporary credentials).
/// </summary>
internal static class SecretsManagerRequest
{
    /// <summary>The content type of the awsJson1_1 protocol.</summary>
    public const string ContentType = "application/x-amz-json-1.1";

    /// <summary>The SigV4 signing name of Secrets Manager.</summary>
    public const string SigningName = "secretsmanager";

    /// <summary>The canonical form of the request (for the wire-format tests) and its signature.</summary>
    /// <param name="endpoint">The service endpoint.</param>
    /// <param name="region">The signing region.</param>
    /// <param name="operation">The operation, such as <c>GetSecretValue</c>.</param>
    /// <param name="body">The JSON body.</param>
    /// <param name="credentials">The credentials.</param>
    /// <param name="now">The signing time.</param>
    /// <returns>The SigV4 view of the request and its signature.</returns>
    public static (SigV4Request Request, SigV4Signature Signature) Sign(Uri endpoint, string region, string operation, byte[] body, ImmutableCredentials credentials, DateTimeOffset now)
    {
        DateTime signedAt = now.UtcDateTime;
        List<KeyValuePair<string, string>> headers =
        [
            new("Content-Type", ContentType),
            new("Host", Host(endpoint)),
            new("X-Amz-Date", signedAt.ToString(SigV4Signer.DateFormat, CultureInfo.InvariantCulture)),
            new("X-Amz-Target", "secretsmanager." + operation),
        ];
        if (credentials.UseToken)
        {
            headers.Add(new("X-Amz-Security-Token", credentials.Token));
        }

        SigV4Request request = new("POST", endpoint.AbsolutePath, string.Empty, headers, body);
        return (request, SigV4Signer.Sign(request, credentials, region, SigningName, signedAt));
    }

    /// <summary>Creates the signed HTTP request.</summary>
    /// <param name="endpoint">The service endpoint.</param>
    /// <param name="region">The signing region.</param>
    /// <param name="operation">The operation.</param>
    /// <param name="body">The JSON body.</param>
    /// <param name="credentials">The credentials.</param>
    /// <param name="now">The signing time.</param>
    /// <returns>The request, ready to send.</returns>
    public static HttpRequestMessage Create(Uri endpoint, string region, string operation, byte[] body, ImmutableCredentials credentials, DateTimeOffset now)
    {
        (SigV4Request signed, SigV4Signature signature) = Sign(endpoint, region, operation, body, credentials, now);
        HttpRequestMessage message = new(HttpMethod.Post, endpoint);
        foreach ((string name, string value) in signed.Headers)
        {
            if (name == "Content-Type")
            {
                continue;
            }

            if (name == "Host")
            {
                // The Host sent must be the one signed; HttpClient's own choice agrees, but the signature must not depend on it.
                message.Headers.Host = value;
                continue;
            }

            message.Headers.TryAddWithoutValidation(name, value);
        }

        message.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        message.Content = new ByteArrayContent(body);
        message.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
        return message;
    }

    /// <summary>The Host header for an endpoint: the port only when it is not the scheme's default.</summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <returns>The host.</returns>
    public static string Host(Uri endpoint) => endpoint.IsDefaultPort ? endpoint.IdnHost : $"{endpoint.IdnHost}:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}";
}
