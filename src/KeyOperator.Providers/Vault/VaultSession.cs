// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace KeyOperator.Providers.Vault;

/// <summary>
/// The token of one shared client: learned (a static token's lookup-self) or obtained (AppRole, kubernetes login),
/// renewed when 2/3 of its TTL has passed, and obtained again when it cannot be renewed. Every reader of the client
/// goes through one gate, so 1,000 objects naming one Vault and one identity cause one login, not 1,000.
/// </summary>
internal sealed class VaultSession : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly VaultConnection _connection;
    private readonly VaultTransport _transport;
    private readonly ProviderMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private VaultLease? _lease;

    public VaultSession(VaultConnection connection, VaultTransport transport, ProviderMetrics metrics, TimeProvider time, ILogger logger)
    {
        _connection = connection;
        _transport = transport;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    /// <summary>The token to use now, refreshing it first (once for all waiting readers) when it is due.</summary>
    /// <param name="cancellationToken">Cancels the wait and the refresh.</param>
    /// <returns>The lease.</returns>
    public async Task<VaultLease> GetAsync(CancellationToken cancellationToken)
    {
        VaultLease? lease = Volatile.Read(ref _lease);
        if (Usable(lease))
        {
            return lease!;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another reader may have refreshed while this one waited: that is the single flight.
            lease = Volatile.Read(ref _lease);
            if (Usable(lease))
            {
                return lease!;
            }

            lease = await RefreshAsync(lease, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _lease, lease);
            return lease;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Vault refused a read with this token (403). The token may be revoked, or only the path may be outside its policy:
    /// the next use checks it with lookup-self and logs in again only when Vault refuses that too.
    /// </summary>
    /// <param name="lease">The lease the read used.</param>
    /// <param name="path">The refused path, for the log.</param>
    public void Refused(VaultLease lease, string path)
    {
        if (Interlocked.CompareExchange(ref _lease, lease with { Suspect = true }, lease) == lease)
        {
            VaultLog.Suspect(_logger, _transport.Server, path);
        }
    }

    public void Dispose() => _gate.Dispose();

    private bool Usable(VaultLease? lease) => lease is { Suspect: false } && _time.GetUtcNow() < lease.RefreshAt;

    private async Task<VaultLease> RefreshAsync(VaultLease? current, CancellationToken cancellationToken)
    {
        if (_connection.Auth is VaultTokenAuth token)
        {
            return current is null || current.Suspect
                ? await LookupAsync(token.Token, cancellationToken).ConfigureAwait(false)
                : await RenewStaticAsync(current, cancellationToken).ConfigureAwait(false);
        }

        if (current is { Suspect: true })
        {
            try
            {
                return await LookupAsync(current.Token, cancellationToken).ConfigureAwait(false);
            }
            catch (ProviderException ex) when (ex.Failure == ProviderFailure.AuthFailed)
            {
                VaultLog.LoginAgain(_logger, _transport.Server, "Vault refused it");
                return await LoginAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        DateTimeOffset now = _time.GetUtcNow();
        if (current is { Renewable: true } && (current.ExpiresAt is null || current.ExpiresAt > now))
        {
            try
            {
                VaultLease renewed = await RenewAsync(current.Token, cancellationToken).ConfigureAwait(false);
                if (renewed.ExpiresAt is null || current.ExpiresAt is null || renewed.ExpiresAt > current.ExpiresAt)
                {
                    return renewed;
                }

                VaultLog.LoginAgain(_logger, _transport.Server, "it reached its max TTL");
            }
            catch (ProviderException ex) when (ex.Failure == ProviderFailure.AuthFailed)
            {
                VaultLog.LoginAgain(_logger, _transport.Server, "renewal refused");
            }
            catch (ProviderException ex) when (current.ExpiresAt is { } expires && expires - now > TimeSpan.FromSeconds(10))
            {
                // Vault is briefly away: the token still works, so keep it and try again halfway to its expiry.
                VaultLog.RenewFailed(_logger, ex, _transport.Server, expires);
                return current with { RefreshAt = now + ((expires - now) / 2) };
            }
        }

        return await LoginAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<VaultLease> RenewStaticAsync(VaultLease current, CancellationToken cancellationToken)
    {
        DateTimeOffset now = _time.GetUtcNow();
        if (current.ExpiresAt is { } expires && expires <= now)
        {
            throw new ProviderException(ProviderFailure.AuthFailed, current.Renewable
                ? $"Vault {_transport.Server}: the token expired at {expires:O} and could not be renewed in time: supply a new token"
                : $"Vault {_transport.Server}: the token expired at {expires:O} and is not renewable: supply a new token");
        }

        if (!current.Renewable)
        {
            // Nothing to renew: use it until it expires, then fail with the message above.
            return current with { RefreshAt = current.ExpiresAt ?? DateTimeOffset.MaxValue };
        }

        try
        {
            return await RenewAsync(current.Token, cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderException ex) when (ex.Failure != ProviderFailure.AuthFailed && current.ExpiresAt is { } until && until - now > TimeSpan.FromSeconds(10))
        {
            VaultLog.RenewFailed(_logger, ex, _transport.Server, until);
            return current with { RefreshAt = now + ((until - now) / 2) };
        }
    }

    private async Task<VaultLease> LookupAsync(SensitiveString token, CancellationToken cancellationToken)
    {
        const string Operation = "token lookup-self";
        VaultReply reply = await _transport.SendAsync(HttpMethod.Get, "auth/token/lookup-self", token, null, Operation, cancellationToken).ConfigureAwait(false);
        VaultResponse? response = VaultTransport.Parse(reply);
        if (reply.Status != HttpStatusCode.OK)
        {
            throw _transport.Failure(reply, response, Operation, login: true, token.Reveal());
        }

        if (response?.Data is not { ValueKind: JsonValueKind.Object } data
            || !data.TryGetProperty("ttl", out JsonElement ttlElement) || !ttlElement.TryGetInt64(out long ttl))
        {
            throw new ProviderException(ProviderFailure.Unavailable, $"Vault {_transport.Server}: {Operation}: the answer has no data.ttl");
        }

        bool renewable = data.TryGetProperty("renewable", out JsonElement r) && r.ValueKind == JsonValueKind.True;
        VaultLog.LookedUp(_logger, _transport.Server, TimeSpan.FromSeconds(ttl), renewable);
        VaultLease lease = Lease(token, ttl, renewable);
        if (!renewable && lease.ExpiresAt is { } expires)
        {
            VaultLog.NotRenewable(_logger, _transport.Server, expires);
        }

        return lease;
    }

    private async Task<VaultLease> RenewAsync(SensitiveString token, CancellationToken cancellationToken)
    {
        const string Operation = "token renew-self";
        VaultReply reply = await _transport.SendAsync(HttpMethod.Post, "auth/token/renew-self", token, "{}"u8.ToArray(), Operation, cancellationToken).ConfigureAwait(false);
        VaultResponse? response = VaultTransport.Parse(reply);
        if (reply.Status != HttpStatusCode.OK)
        {
            // A 400 here is "not renewable" or "expired": the token is done, as with a refused login.
            throw _transport.Failure(reply, response, Operation, login: true, token.Reveal());
        }

        VaultAuthInfo auth = response?.Auth
            ?? throw new ProviderException(ProviderFailure.Unavailable, $"Vault {_transport.Server}: {Operation}: the answer has no auth block");
        VaultLog.Renewed(_logger, _transport.Server, TimeSpan.FromSeconds(auth.LeaseDuration));
        // renew-self answers with the same token; a different one would be odd but is the one to use.
        SensitiveString renewedToken = string.IsNullOrEmpty(auth.ClientToken) || auth.ClientToken == token.Reveal() ? token : new SensitiveString(auth.ClientToken);
        return Lease(renewedToken, auth.LeaseDuration, auth.Renewable);
    }

    private async Task<VaultLease> LoginAsync(CancellationToken cancellationToken)
    {
        (string path, string method, byte[] body, string secret) = _connection.Auth switch
        {
            VaultAppRoleAuth appRole => (
                appRole.Path,
                "approle",
                JsonSerializer.SerializeToUtf8Bytes(new VaultAppRoleLoginRequest { RoleId = appRole.RoleId, SecretId = appRole.SecretId.Reveal() }, VaultJsonContext.Default.VaultAppRoleLoginRequest),
                appRole.SecretId.Reveal()),
            VaultKubernetesAuth kubernetes => await KubernetesBodyAsync(kubernetes, cancellationToken).ConfigureAwait(false),
            _ => throw new ProviderException(ProviderFailure.InvalidRequest, $"Vault {_transport.Server}: unsupported auth {_connection.Auth.GetType().Name}"),
        };

        string mount = VaultPaths.Mount(path, "auth path");
        string operation = $"login at auth/{mount} ({method})";
        _metrics.Login(_connection.Provider);
        VaultReply reply = await _transport.SendAsync(HttpMethod.Post, $"auth/{mount}/login", null, body, operation, cancellationToken).ConfigureAwait(false);
        VaultResponse? response = VaultTransport.Parse(reply);
        if (reply.Status != HttpStatusCode.OK)
        {
            throw _transport.Failure(reply, response, operation, login: true, secret);
        }

        if (response?.Auth is not { ClientToken: { Length: > 0 } clientToken } auth)
        {
            throw new ProviderException(ProviderFailure.Unavailable, $"Vault {_transport.Server}: {operation}: the answer has no auth.client_token");
        }

        VaultLog.LoggedIn(_logger, _transport.Server, mount, method, TimeSpan.FromSeconds(auth.LeaseDuration), auth.Renewable);
        return Lease(new SensitiveString(clientToken), auth.LeaseDuration, auth.Renewable);
    }

    private static async Task<(string Path, string Method, byte[] Body, string Secret)> KubernetesBodyAsync(VaultKubernetesAuth kubernetes, CancellationToken cancellationToken)
    {
        // A fresh ServiceAccount token per login: it is short-lived and never kept past the login it is for.
        SensitiveString jwt = await kubernetes.Tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(new VaultKubernetesLoginRequest { Role = kubernetes.Role, Jwt = jwt.Reveal() }, VaultJsonContext.Default.VaultKubernetesLoginRequest);
        return (kubernetes.MountPath, "kubernetes", body, jwt.Reveal());
    }

    private VaultLease Lease(SensitiveString token, long ttlSeconds, bool renewable)
    {
        DateTimeOffset now = _time.GetUtcNow();
        if (ttlSeconds <= 0)
        {
            // A TTL of 0 is a token that never expires (a root or periodic-less service token): nothing to refresh.
            return new VaultLease(token, null, DateTimeOffset.MaxValue, renewable);
        }

        TimeSpan ttl = TimeSpan.FromSeconds(ttlSeconds);
        // Renewable: renew at 2/3. Not renewable: a login token is replaced at 2/3 too (before it expires); a static
        // one is used to its end (RenewStaticAsync), since nothing can replace it.
        return new VaultLease(token, now + ttl, now + (ttl * 2 / 3), renewable);
    }
}
