// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace KeyOperator.Providers.Aws;

/// <summary>
/// SigV4 for the requests this client builds itself. The canonical request is ours (AWSSDK.Core keeps its
/// canonicalisation internal and tied to its own request pipeline, which only generated service clients have); the
/// signing key derivation, the string to sign and the signature are the SDK's public
/// <see cref="AWS4Signer.ComputeSignature(ImmutableCredentials, string, DateTime, string, string, string)"/>, so the
/// cryptography is AWS's code, not ours. Checked against the AWS SigV4 test suite and against botocore's signature
/// of a GetSecretValue request (tests/fixtures/aws-sigv4, tests/fixtures/aws-secretsmanager).
/// </summary>
internal static class SigV4Signer
{
    /// <summary>The format of <c>X-Amz-Date</c>.</summary>
    public const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>Signs a request.</summary>
    /// <param name="request">The request, with Host and X-Amz-Date among its headers.</param>
    /// <param name="credentials">The credentials.</param>
    /// <param name="region">The signing region.</param>
    /// <param name="service">The signing name (<c>secretsmanager</c>).</param>
    /// <param name="signedAt">The time in X-Amz-Date.</param>
    /// <returns>The signature.</returns>
    public static SigV4Signature Sign(SigV4Request request, ImmutableCredentials credentials, string region, string service, DateTime signedAt)
    {
        (string canonicalRequest, string signedHeaders) = Canonicalize(request);
        AWS4SigningResult result = AWS4Signer.ComputeSignature(credentials, region, DateTime.SpecifyKind(signedAt, DateTimeKind.Utc), service, signedHeaders, canonicalRequest);
        return new SigV4Signature(canonicalRequest, signedHeaders, result.ForAuthorizationHeader);
    }

    /// <summary>The canonical request and the signed header names (the SigV4 specification's task 1).</summary>
    /// <param name="request">The request.</param>
    /// <returns>Both strings.</returns>
    internal static (string CanonicalRequest, string SignedHeaders) Canonicalize(SigV4Request request)
    {
        // Headers: lower-case names sorted by ordinal, values trimmed with inner runs of whitespace (folded lines
        // included) made one space, repeated names joined with commas in the order they were given.
        SortedDictionary<string, List<string>> headers = new(StringComparer.Ordinal);
        foreach ((string name, string value) in request.Headers)
        {
            string key = name.Trim().ToLowerInvariant();
            if (!headers.TryGetValue(key, out List<string>? values))
            {
                headers[key] = values = [];
            }

            values.Add(CollapseWhitespace(value));
        }

        StringBuilder canonical = new();
        canonical.Append(request.Method.ToUpperInvariant()).Append('\n');
        canonical.Append(CanonicalPath(request.Path)).Append('\n');
        canonical.Append(CanonicalQuery(request.Query)).Append('\n');
        foreach ((string name, List<string> values) in headers)
        {
            canonical.Append(name).Append(':').AppendJoin(',', values).Append('\n');
        }

        string signedHeaders = string.Join(';', headers.Keys);
        canonical.Append('\n').Append(signedHeaders).Append('\n');
        canonical.Append(Convert.ToHexStringLower(SHA256.HashData(request.Body.Span)));
        return (canonical.ToString(), signedHeaders);
    }

    /// <summary>Each path segment decoded and encoded again the RFC 3986 way (the suite's single encoding, used by every service but S3).</summary>
    private static string CanonicalPath(string path)
    {
        if (string.IsNullOrEmpty(path) || path == "/")
        {
            return "/";
        }

        string[] segments = path.Split('/');
        for (int i = 0; i < segments.Length; i++)
        {
            segments[i] = Encode(Uri.UnescapeDataString(segments[i]));
        }

        return string.Join('/', segments);
    }

    /// <summary>Parameters decoded and encoded again, sorted by name and then value (ordinal), <c>name=value</c> joined by <c>&amp;</c>.</summary>
    private static string CanonicalQuery(string query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return string.Empty;
        }

        List<(string Name, string Value)> parameters = [];
        foreach (string pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? pair : pair[..equals];
            string value = equals < 0 ? string.Empty : pair[(equals + 1)..];
            parameters.Add((Encode(Uri.UnescapeDataString(name)), Encode(Uri.UnescapeDataString(value))));
        }

        parameters.Sort(static (a, b) =>
        {
            int byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });
        return string.Join('&', parameters.Select(static p => p.Name + "=" + p.Value));
    }

    /// <summary>RFC 3986 percent-encoding of UTF-8 bytes: only A–Z, a–z, 0–9 and <c>-_.~</c> stay as they are.</summary>
    private static string Encode(string text)
    {
        StringBuilder encoded = new(text.Length);
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            char c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                encoded.Append(c);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }

    private static string CollapseWhitespace(string value)
    {
        StringBuilder collapsed = new(value.Length);
        bool space = false;
        foreach (char c in value.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                collapsed.Append(' ');
                space = false;
            }

            collapsed.Append(c);
        }

        return collapsed.ToString();
    }
}
