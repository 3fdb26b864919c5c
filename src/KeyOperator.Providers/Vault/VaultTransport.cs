// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;

namespace KeyOperator.Providers.Vault;

/// <summary>
/// Sends one request to Vault with the headers every request carries (<c>X-Vault-Request</c>, the namespace, the
/// token when there is one) and turns "no answer" into <see cref="ProviderFailure.Unavailable"/>. Rate limiting,
/// metrics and the 429 pause are in the HttpClient's handler chain already.
/// </summary>
internal sealed class VaultTransport
{
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly Uri _base;
    private readonly string? _namespace;

    public VaultTransport(VaultConnection connection, HttpClient http, TimeProvider time)
    {
        _http = http;
        _time = time;
        // A server URL with a path (a proxy prefix) keeps it: v1/... is appended, not put at the root.
        _base = new Uri(connection.Server.AbsoluteUri.TrimEnd('/') + "/");
        _namespace = string.IsNullOrWhiteSpace(connection.Namespace) ? null : connection.Namespace.Trim('/');
        Server = connection.Server.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>The server for messages (scheme, host and port only).</summary>
    public string Server { get; }

    /// <summary>Sends a request and reads the whole answer.</summary>
    /// <param name="method">The method.</param>
    /// <param name="path">The path below <c>/v1/</c>, already escaped.</param>
    /// <param name="token">The Vault token, or null for a login.</param>
    /// <param name="body">The JSON body, if any.</param>
    /// <param name="operation">What is being done, for messages (never a value).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The answer.</returns>
    public async Task<VaultReply> SendAsync(HttpMethod method, string path, SensitiveString? token, byte[]? body, string operation, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = new(method, new Uri(_base, "v1/" + path));
        request.Headers.TryAddWithoutValidation("X-Vault-Request", "true");
        if (_namespace is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Vault-Namespace", _namespace);
        }

        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Vault-Token", token.Reveal());
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new("application/json");
        }

        try
        {
            using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            byte[] content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return new VaultReply(response.StatusCode, content, RetryAfter(response));
        }
        catch (HttpRequestException ex)
        {
            string why = ExceptionChain.Find<AuthenticationException>(ex) is not null
                ? "the TLS handshake failed (is the caBundle the CA that signed Vault's certificate?)"
                : "no response (" + (ex.HttpRequestError == HttpRequestError.Unknown ? "connection failed" : ex.HttpRequestError.ToString()) + ")";
            throw new ProviderException(ProviderFailure.Unavailable, $"Vault {Server}: {operation}: {why}", null, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ProviderException(ProviderFailure.Unavailable, $"Vault {Server}: {operation}: timed out", null, ex);
        }
    }

    /// <summary>Parses an answer's envelope; null when the body is not Vault's JSON (a proxy's error page).</summary>
    /// <param name="reply">The answer.</param>
    /// <returns>The envelope, or null.</returns>
    public static VaultResponse? Parse(VaultReply reply)
    {
        if (reply.Body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(reply.Body, VaultJsonContext.Default.VaultResponse);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The failure for an answer that is not a success and has no endpoint-specific meaning: 429 throttled, 5xx
    /// unavailable, 401/403 refused, 400 refused on a login (bad credentials) and invalid elsewhere.
    /// </summary>
    /// <param name="reply">The answer.</param>
    /// <param name="response">Its parsed envelope, if any.</param>
    /// <param name="operation">What was being done.</param>
    /// <param name="login">Whether it was a login, where a 400 means the credentials were refused.</param>
    /// <param name="secrets">Values to scrub from Vault's error strings (they can echo request data).</param>
    /// <returns>The exception to throw.</returns>
    public ProviderException Failure(VaultReply reply, VaultResponse? response, string operation, bool login, params ReadOnlySpan<string> secrets)
    {
        int code = (int)reply.Status;
        ProviderFailure failure = reply.Status switch
        {
            HttpStatusCode.TooManyRequests => ProviderFailure.Throttled,
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ProviderFailure.AuthFailed,
            HttpStatusCode.BadRequest when login => ProviderFailure.AuthFailed,
            _ when code >= 500 => ProviderFailure.Unavailable,
            _ when code >= 400 => ProviderFailure.InvalidRequest,
            _ => ProviderFailure.Unavailable,
        };
        string hint = reply.Status switch
        {
            HttpStatusCode.ServiceUnavailable => " (Vault is sealed, in standby or overloaded)",
            HttpStatusCode.Forbidden when !login => " (the token is invalid, expired, revoked, or its policy does not allow this path)",
            _ => string.Empty,
        };
        return new ProviderException(failure, $"Vault {Server}: {operation}: {code}{hint}{Describe(response, secrets)}", failure == ProviderFailure.Throttled ? reply.RetryAfter : null);
    }

    /// <summary>Vault's error strings for a message: at most 200 characters each, control characters dropped, known secrets scrubbed.</summary>
    /// <param name="response">The envelope, if any.</param>
    /// <param name="secrets">Values that must not appear.</param>
    /// <returns>": error; error" or empty.</returns>
    public static string Describe(VaultResponse? response, params ReadOnlySpan<string> secrets)
    {
        if (response?.Errors is not { Count: > 0 } errors)
        {
            return string.Empty;
        }

        StringBuilder text = new(": ");
        for (int i = 0; i < errors.Count && i < 3; i++)
        {
            string error = errors[i];
            foreach (string secret in secrets)
            {
                if (secret.Length > 0)
                {
                    error = error.Replace(secret, "[redacted]", StringComparison.Ordinal);
                }
            }

            // Vault's strings can echo request data, rarely: a cap keeps a surprise short, and status stays readable.
            StringBuilder one = new(Math.Min(error.Length, VaultClient.MaxErrorLength));
            foreach (char c in error)
            {
                if (one.Length == VaultClient.MaxErrorLength)
                {
                    one.Append('…');
                    break;
                }

                one.Append(char.IsControl(c) ? ' ' : c);
            }

            text.Append(i == 0 ? string.Empty : "; ").Append(one);
        }

        return text.ToString();
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        return retryAfter.Delta ?? (retryAfter.Date is { } date ? date - _time.GetUtcNow() : null);
    }
}
