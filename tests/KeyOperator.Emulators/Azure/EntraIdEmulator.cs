// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KeyOperator.Emulators.Azure;

/// <summary>
/// The parts of Entra ID (the Microsoft identity platform v2.0 endpoint) a confidential client uses for the
/// client-credentials grant: <c>POST /{tenant}/oauth2/v2.0/token</c> with a client secret or a JWT client assertion
/// (workload identity), the tenant's OpenID configuration and the instance-discovery document. Tokens are opaque
/// random strings remembered with their tenant, client, audience and expiry, so the Key Vault emulator can check the
/// ones it is shown. Errors use Entra's JSON shape (<c>error</c>, <c>error_description</c> with an AADSTS code,
/// <c>error_codes</c>).
/// </summary>
public sealed class EntraIdEmulator
{
    /// <summary>The client assertion type of a JWT bearer assertion (RFC 7523).</summary>
    public const string JwtBearerAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private readonly object _sync = new();
    private readonly Dictionary<(string Tenant, string Client), string?> _clients = [];
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _tokenRequests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _issued = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _paths = new(StringComparer.Ordinal);
    private readonly Queue<EmulatedFault> _faults = new();
    private readonly TimeProvider _time;

    /// <summary>Creates the emulator.</summary>
    /// <param name="time">The clock tokens expire by (the system clock if null).</param>
    public EntraIdEmulator(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>
    /// Checks a workload-identity client assertion: <c>(assertion, clientId, cancellationToken) → accepted</c>. The
    /// end-to-end suite checks it against the control plane's OIDC JWKS (issuer, subject, audience
    /// <c>api://AzureADTokenExchange</c>); unit tests use a simple comparison. Null rejects every assertion.
    /// </summary>
    public Func<string, string, CancellationToken, Task<bool>>? AssertionValidator { get; set; }

    /// <summary>How long issued tokens are valid (default 1 hour, like Entra's default access token lifetime).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Registers a service principal that authenticates with a client secret.</summary>
    /// <param name="tenantId">Its tenant.</param>
    /// <param name="clientId">Its application (client) id.</param>
    /// <param name="secret">Its client secret.</param>
    public void AddClientSecret(string tenantId, string clientId, string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        lock (_sync)
        {
            _clients[(tenantId, clientId)] = secret;
        }
    }

    /// <summary>Registers an application with a federated credential: it authenticates with client assertions that <see cref="AssertionValidator"/> accepts.</summary>
    /// <param name="tenantId">Its tenant.</param>
    /// <param name="clientId">Its application (client) id.</param>
    public void AddFederatedClient(string tenantId, string clientId)
    {
        lock (_sync)
        {
            _clients[(tenantId, clientId)] = null;
        }
    }

    /// <summary>The next <paramref name="count"/> token requests are answered with <paramref name="status"/> instead.</summary>
    /// <param name="count">How many.</param>
    /// <param name="status">The status (429, 500, 503, …).</param>
    /// <param name="retryAfter">The Retry-After to send, if any.</param>
    public void FailNext(int count, int status, TimeSpan? retryAfter = null)
    {
        lock (_sync)
        {
            for (int i = 0; i < count; i++)
            {
                _faults.Enqueue(new EmulatedFault(status, retryAfter));
            }
        }
    }

    /// <summary>Token requests made by a client, accepted or not.</summary>
    /// <param name="clientId">The client id.</param>
    /// <returns>The count.</returns>
    public int TokenRequests(string clientId)
    {
        lock (_sync)
        {
            return _tokenRequests.GetValueOrDefault(clientId);
        }
    }

    /// <summary>Tokens issued to a client.</summary>
    /// <param name="clientId">The client id.</param>
    /// <returns>The count.</returns>
    public int IssuedTokens(string clientId)
    {
        lock (_sync)
        {
            return _issued.GetValueOrDefault(clientId);
        }
    }

    /// <summary>Requests per route (<c>token</c>, <c>openid-configuration</c>, <c>instance-discovery</c>), to see what a client fetches.</summary>
    /// <param name="route">The route name.</param>
    /// <returns>The count.</returns>
    public int Requests(string route)
    {
        lock (_sync)
        {
            return _paths.GetValueOrDefault(route);
        }
    }

    /// <summary>Adds the routes.</summary>
    /// <param name="app">The application.</param>
    public void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/{tenant}/oauth2/v2.0/token", (RequestDelegate)TokenAsync);
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (RequestDelegate)OpenIdConfigurationAsync);
        app.MapGet("/common/discovery/instance", (RequestDelegate)InstanceDiscoveryAsync);
    }

    /// <summary>Whether a bearer token is one this emulator issued, unexpired, for the tenant and audience.</summary>
    internal TokenCheck Check(string token, string tenantId, string audience, out string? clientId)
    {
        clientId = null;
        if (!_tokens.TryGetValue(token, out IssuedToken? issued))
        {
            return TokenCheck.Unknown;
        }

        clientId = issued.ClientId;
        if (issued.ExpiresAt <= _time.GetUtcNow())
        {
            return TokenCheck.Expired;
        }

        if (!string.Equals(issued.TenantId, tenantId, StringComparison.OrdinalIgnoreCase))
        {
            return TokenCheck.WrongTenant;
        }

        return string.Equals(issued.Audience.TrimEnd('/'), audience.TrimEnd('/'), StringComparison.OrdinalIgnoreCase) ? TokenCheck.Valid : TokenCheck.WrongAudience;
    }

    private static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}";

    private static Task ErrorAsync(HttpContext context, int status, string error, int aadsts, string description)
    {
        // Entra's error body; the trace and correlation ids are random, as real ones are for each request.
        JsonObject body = new()
        {
            ["error"] = error,
            ["error_description"] = $"AADSTS{aadsts}: {description} Trace ID: {Guid.NewGuid()} Correlation ID: {Guid.NewGuid()} Timestamp: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ssZ}",
            ["error_codes"] = new JsonArray(aadsts),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["trace_id"] = Guid.NewGuid().ToString(),
            ["correlation_id"] = Guid.NewGuid().ToString(),
        };
        return WriteJsonAsync(context, status, body);
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store, no-cache";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private void Count(Dictionary<string, int> counts, string key)
    {
        lock (_sync)
        {
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
    }

    private async Task TokenAsync(HttpContext context)
    {
        Count(_paths, "token");
        string tenant = (string)context.Request.RouteValues["tenant"]!;
        if (!context.Request.HasFormContentType)
        {
            await ErrorAsync(context, 400, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'.").ConfigureAwait(false);
            return;
        }

        IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        string clientId = form["client_id"].ToString();
        if (clientId.Length > 0)
        {
            Count(_tokenRequests, clientId);
        }

        EmulatedFault? fault = null;
        lock (_sync)
        {
            _faults.TryDequeue(out fault);
        }

        if (fault is not null)
        {
            if (fault.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await ErrorAsync(context, fault.Status, fault.Status == 429 ? "temporarily_unavailable" : "server_error", 90033, "A transient error has occurred. Please try again.").ConfigureAwait(false);
            return;
        }

        if (form["grant_type"] != "client_credentials")
        {
            await ErrorAsync(context, 400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.").ConfigureAwait(false);
            return;
        }

        string scope = form["scope"].ToString();
        if (!scope.EndsWith("/.default", StringComparison.Ordinal) || scope.Contains(' ', StringComparison.Ordinal))
        {
            await ErrorAsync(context, 400, "invalid_scope", 1002012, "The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.").ConfigureAwait(false);
            return;
        }

        bool known;
        string? secret;
        lock (_sync)
        {
            known = _clients.TryGetValue((tenant, clientId), out secret);
        }

        if (!known)
        {
            await ErrorAsync(context, 400, "unauthorized_client", 700016, $"Application with identifier '{clientId}' was not found in the directory '{tenant}'.").ConfigureAwait(false);
            return;
        }

        if (!await AuthenticatedAsync(form, clientId, secret, context.RequestAborted).ConfigureAwait(false))
        {
            await ErrorAsync(context, 401, "invalid_client", secret is null ? 700213 : 7000215, secret is null ? "No matching federated identity record found for presented assertion." : "Invalid client secret provided.").ConfigureAwait(false);
            return;
        }

        string token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        string audience = scope[..^"/.default".Length];
        _tokens[token] = new IssuedToken(tenant, clientId, audience, _time.GetUtcNow() + TokenLifetime);
        Count(_issued, clientId);
        long seconds = (long)TokenLifetime.TotalSeconds;
        await WriteJsonAsync(context, 200, new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = seconds,
            ["ext_expires_in"] = seconds,
            ["access_token"] = token,
        }).ConfigureAwait(false);
    }

    private async Task<bool> AuthenticatedAsync(IFormCollection form, string clientId, string? secret, CancellationToken cancellationToken)
    {
        if (secret is not null)
        {
            // A secret client never authenticates with an assertion, and the comparison does not leak timing.
            string given = form["client_secret"].ToString();
            return form["client_assertion"].Count == 0
                && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(secret));
        }

        string assertion = form["client_assertion"].ToString();
        Func<string, string, CancellationToken, Task<bool>>? validator = AssertionValidator;
        return form["client_secret"].Count == 0
            && form["client_assertion_type"] == JwtBearerAssertionType
            && assertion.Length > 0
            && validator is not null
            && await validator(assertion, clientId, cancellationToken).ConfigureAwait(false);
    }

    private Task OpenIdConfigurationAsync(HttpContext context)
    {
        Count(_paths, "openid-configuration");
        string tenant = (string)context.Request.RouteValues["tenant"]!;
        string authority = $"{BaseUrl(context.Request)}/{tenant}";
        return WriteJsonAsync(context, 200, new JsonObject
        {
            ["token_endpoint"] = $"{authority}/oauth2/v2.0/token",
            ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "private_key_jwt", "client_secret_basic"),
            ["jwks_uri"] = $"{authority}/discovery/v2.0/keys",
            ["response_modes_supported"] = new JsonArray("query", "fragment", "form_post"),
            ["subject_types_supported"] = new JsonArray("pairwise"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["response_types_supported"] = new JsonArray("code", "id_token", "code id_token", "id_token token"),
            ["scopes_supported"] = new JsonArray("openid", "profile", "email", "offline_access"),
            ["issuer"] = $"{authority}/v2.0",
            ["authorization_endpoint"] = $"{authority}/oauth2/v2.0/authorize",
            ["tenant_region_scope"] = null,
        });
    }

    private Task InstanceDiscoveryAsync(HttpContext context)
    {
        Count(_paths, "instance-discovery");
        // Validates nothing (real Entra answers invalid_instance for hosts it does not own): the emulator is its own
        // single-alias cloud, named by its host and port.
        string host = context.Request.Host.ToString();
        string authorize = context.Request.Query["authorization_endpoint"].ToString();
        string tenant = Uri.TryCreate(authorize, UriKind.Absolute, out Uri? endpoint) && endpoint.Segments.Length > 1 ? endpoint.Segments[1].TrimEnd('/') : "common";
        return WriteJsonAsync(context, 200, new JsonObject
        {
            ["tenant_discovery_endpoint"] = $"{BaseUrl(context.Request)}/{tenant}/v2.0/.well-known/openid-configuration",
            ["api-version"] = "1.1",
            ["metadata"] = new JsonArray(new JsonObject
            {
                ["preferred_network"] = host,
                ["preferred_cache"] = host,
                ["aliases"] = new JsonArray(host),
            }),
        });
    }
}
