// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KeyOperator.Emulators.Azure;

/// <summary>
/// The Key Vault secrets API's read path (<c>GET /secrets/{name}/{version?}?api-version=…</c>) with Key Vault's
/// challenge-based authentication: a request without a bearer token, or with one it does not accept, gets 401 and
/// <c>WWW-Authenticate: Bearer authorization="{authority}/{tenant}", resource="{Resource}"</c>; a token must have been
/// issued by the <see cref="EntraIdEmulator"/> for the vault's tenant and <see cref="Resource"/>, unexpired. Access is
/// per client id (RBAC's <c>Key Vault Secrets User</c> on the vault or on single secrets), checked before existence as
/// Key Vault does. Bodies follow the 7.5 REST specification's examples (tests/fixtures/azure-keyvault).
/// </summary>
public sealed class KeyVaultEmulator
{
    private static readonly HashSet<string> s_apiVersions = new(StringComparer.Ordinal) { "7.5", "7.6", "2025-07-01", "2026-04-01" };
    private readonly object _sync = new();
    private readonly Dictionary<string, List<EmulatedSecretVersion>> _secrets = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _deleted = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HashSet<string>?> _grants = new(StringComparer.OrdinalIgnoreCase);
    private readonly Queue<EmulatedFault> _faults = new();
    private readonly HashSet<string> _apiVersionsSeen = new(StringComparer.Ordinal);
    private readonly EntraIdEmulator _login;
    private readonly TimeProvider _time;
    private int _challenges;
    private int _rejectedTokens;
    private int _reads;

    /// <summary>Creates the emulator.</summary>
    /// <param name="login">The Entra ID emulator whose tokens are accepted.</param>
    /// <param name="tenantId">The vault's tenant.</param>
    /// <param name="time">The clock of created/updated timestamps (the system clock if null).</param>
    public KeyVaultEmulator(EntraIdEmulator login, string tenantId, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(login);
        _login = login;
        TenantId = tenantId;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The vault's tenant.</summary>
    public string TenantId { get; }

    /// <summary>The authority host the challenge names; null names the vault's own scheme, host and port (Entra ID on the same host).</summary>
    public Uri? AuthorityHost { get; set; }

    /// <summary>The resource the challenge names and tokens must be for (default Key Vault's, <c>https://vault.azure.net</c>).</summary>
    public string Resource { get; set; } = "https://vault.azure.net";

    /// <summary>Whether the challenge names <c>scope="{Resource}/.default"</c> instead of <c>resource="{Resource}"</c> (Key Vault sends resource; both are valid).</summary>
    public bool ChallengeWithScope { get; set; }

    /// <summary>Authenticated requests that reached a secret (served, not found, disabled or forbidden).</summary>
    public int SecretRequests => Volatile.Read(ref _reads);

    /// <summary>401 answers to requests without a bearer token (the SDK's first, challenge-fetching request).</summary>
    public int Challenges => Volatile.Read(ref _challenges);

    /// <summary>401 answers to requests whose token was unknown, expired, or for another tenant or resource.</summary>
    public int RejectedTokens => Volatile.Read(ref _rejectedTokens);

    /// <summary>The api-version values clients sent.</summary>
    public IReadOnlyCollection<string> ApiVersionsSeen
    {
        get
        {
            lock (_sync)
            {
                return [.. _apiVersionsSeen];
            }
        }
    }

    /// <summary>Adds a version of a secret, which becomes its current one (and undeletes the name).</summary>
    /// <param name="name">The secret's name.</param>
    /// <param name="value">Its value.</param>
    /// <param name="tags">Its tags, if any.</param>
    /// <returns>The new version's id (32 hex digits, as Key Vault's).</returns>
    public string SetSecret(string name, string value, IReadOnlyDictionary<string, string>? tags = null)
    {
        string version = Guid.NewGuid().ToString("N");
        lock (_sync)
        {
            if (!_secrets.TryGetValue(name, out List<EmulatedSecretVersion>? versions))
            {
                versions = [];
                _secrets[name] = versions;
            }

            _deleted.Remove(name);
            versions.Add(new EmulatedSecretVersion(version, value, _time.GetUtcNow(), tags));
        }

        return version;
    }

    /// <summary>Enables or disables a version (the current one when null).</summary>
    /// <param name="name">The secret's name.</param>
    /// <param name="enabled">Whether it is enabled.</param>
    /// <param name="version">The version, or null for the current one.</param>
    public void SetEnabled(string name, bool enabled, string? version = null)
    {
        lock (_sync)
        {
            EmulatedSecretVersion found = Find(name, version) ?? throw new KeyNotFoundException($"no secret {name} version {version ?? "current"}");
            found.Enabled = enabled;
            found.Updated = _time.GetUtcNow();
        }
    }

    /// <summary>Deletes a secret (soft delete: every version answers 404 SecretNotFound until it is set again).</summary>
    /// <param name="name">The secret's name.</param>
    public void Delete(string name)
    {
        lock (_sync)
        {
            _deleted.Add(name);
        }
    }

    /// <summary>Lets a client read every secret (Key Vault Secrets User on the vault).</summary>
    /// <param name="clientId">The client id.</param>
    public void GrantAll(string clientId)
    {
        lock (_sync)
        {
            _grants[clientId] = null;
        }
    }

    /// <summary>Lets a client read these secrets only (Key Vault Secrets User on single secrets); adds to earlier grants.</summary>
    /// <param name="clientId">The client id.</param>
    /// <param name="names">The secrets.</param>
    public void Grant(string clientId, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        lock (_sync)
        {
            if (!_grants.TryGetValue(clientId, out HashSet<string>? granted))
            {
                granted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                _grants[clientId] = granted;
            }

            granted?.UnionWith(names);
        }
    }

    /// <summary>The next <paramref name="count"/> authenticated requests are answered with <paramref name="status"/> instead (429 Throttled, 500, 503).</summary>
    /// <param name="count">How many.</param>
    /// <param name="status">The status.</param>
    /// <param name="retryAfter">The Retry-After to send (whole seconds), if any.</param>
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

    /// <summary>Adds the routes.</summary>
    /// <param name="app">The application.</param>
    public void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/secrets/{**path}", (RequestDelegate)GetSecretAsync);
    }

    private static Task ErrorAsync(HttpContext context, int status, string code, string message, string? innerCode = null)
    {
        JsonObject error = new() { ["code"] = code, ["message"] = message };
        if (innerCode is not null)
        {
            error["innererror"] = new JsonObject { ["code"] = innerCode };
        }

        return WriteJsonAsync(context, status, new JsonObject { ["error"] = error });
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["x-ms-keyvault-service-version"] = "1.9.0.0";
        context.Response.Headers["x-ms-request-id"] = Guid.NewGuid().ToString();
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private EmulatedSecretVersion? Find(string name, string? version)
    {
        if (_deleted.Contains(name) || !_secrets.TryGetValue(name, out List<EmulatedSecretVersion>? versions) || versions.Count == 0)
        {
            return null;
        }

        return string.IsNullOrEmpty(version) ? versions[^1] : versions.Find(v => string.Equals(v.Version, version, StringComparison.OrdinalIgnoreCase));
    }

    private Task ChallengeAsync(HttpContext context, string message)
    {
        string authority = AuthorityHost?.ToString().TrimEnd('/') ?? $"{context.Request.Scheme}://{context.Request.Host}";
        string authorization = $"{authority}/{TenantId}";
        string parameter = ChallengeWithScope ? $"scope=\"{Resource}/.default\"" : $"resource=\"{Resource}\"";
        context.Response.Headers.WWWAuthenticate = $"Bearer authorization=\"{authorization}\", {parameter}";
        return ErrorAsync(context, 401, "Unauthorized", message);
    }

    private async Task GetSecretAsync(HttpContext context)
    {
        string apiVersion = context.Request.Query["api-version"].ToString();
        lock (_sync)
        {
            _apiVersionsSeen.Add(apiVersion);
        }

        if (!s_apiVersions.Contains(apiVersion))
        {
            await ErrorAsync(context, 400, "BadParameter", $"The specified version ({apiVersion}) is not recognized. Consider using the latest supported version (7.6).").ConfigureAwait(false);
            return;
        }

        string authorizationHeader = context.Request.Headers.Authorization.ToString();
        if (!authorizationHeader.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            Interlocked.Increment(ref _challenges);
            await ChallengeAsync(context, "AKV10000: Request is missing a Bearer or PoP token.").ConfigureAwait(false);
            return;
        }

        TokenCheck check = _login.Check(authorizationHeader["Bearer ".Length..].Trim(), TenantId, Resource, out string? clientId);
        if (check != TokenCheck.Valid)
        {
            Interlocked.Increment(ref _rejectedTokens);
            await ChallengeAsync(context, check switch
            {
                TokenCheck.Expired => "Token expired.",
                TokenCheck.WrongTenant => "Invalid issuer: the token is from another tenant.",
                TokenCheck.WrongAudience => "Invalid audience.",
                _ => "Invalid token.",
            }).ConfigureAwait(false);
            return;
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
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            (string code, string message) = fault.Status switch
            {
                429 => ("Throttled", "Request was not processed because too many requests were received."),
                503 => ("ServiceUnavailable", "The service is temporarily unavailable."),
                _ => ("InternalServerError", "An unexpected error occurred."),
            };
            await ErrorAsync(context, fault.Status, code, message).ConfigureAwait(false);
            return;
        }

        string[] segments = ((string?)context.Request.RouteValues["path"] ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length is < 1 or > 2)
        {
            await ErrorAsync(context, 400, "BadParameter", "The request URI is not a secret URI.").ConfigureAwait(false);
            return;
        }

        string name = segments[0];
        string? version = segments.Length == 2 ? segments[1] : null;
        Interlocked.Increment(ref _reads);
        EmulatedSecretVersion? found;
        bool allowed;
        lock (_sync)
        {
            allowed = _grants.TryGetValue(clientId!, out HashSet<string>? granted) && (granted is null || granted.Contains(name));
            found = Find(name, version);
        }

        // Permission first: a caller without access learns nothing about which secrets exist.
        if (!allowed)
        {
            await ErrorAsync(context, 403, "Forbidden", $"Caller is not authorized to perform action on resource. Caller: appid={clientId}. Action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'.", "ForbiddenByRbac").ConfigureAwait(false);
            return;
        }

        if (found is null)
        {
            string id = version is null ? name : $"{name}/{version}";
            await ErrorAsync(context, 404, "SecretNotFound", $"A secret with (name/id) {id} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command.").ConfigureAwait(false);
            return;
        }

        if (!found.Enabled)
        {
            await ErrorAsync(context, 403, "Forbidden", "Operation get is not allowed on a disabled secret.", "SecretDisabled").ConfigureAwait(false);
            return;
        }

        JsonObject body = new()
        {
            ["value"] = found.Value,
            ["id"] = $"{context.Request.Scheme}://{context.Request.Host}/secrets/{name}/{found.Version}",
            ["attributes"] = new JsonObject
            {
                ["enabled"] = true,
                ["created"] = found.Created.ToUnixTimeSeconds(),
                ["updated"] = found.Updated.ToUnixTimeSeconds(),
                ["recoveryLevel"] = "Recoverable+Purgeable",
                ["recoverableDays"] = 90,
            },
        };
        if (found.Tags is { Count: > 0 } tags)
        {
            JsonObject tagObject = [];
            foreach (KeyValuePair<string, string> tag in tags)
            {
                tagObject[tag.Key] = tag.Value;
            }

            body["tags"] = tagObject;
        }

        await WriteJsonAsync(context, 200, body).ConfigureAwait(false);
    }
}
