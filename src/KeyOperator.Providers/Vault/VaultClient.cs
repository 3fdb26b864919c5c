// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace KeyOperator.Providers.Vault;

/// <summary>
/// Reads KV v1 and v2 entries from one Vault mount with one identity. The value is the entry's data as UTF-8 JSON
/// (the caller picks properties); the version is the KV v2 version. Shared by every object naming the same store and
/// credentials, so the token it holds serves all of them.
/// </summary>
internal sealed class VaultClient : ISecretProvider, IDisposable
{
    /// <summary>Longest Vault error string put in a message.</summary>
    public const int MaxErrorLength = 200;

    private readonly VaultConnection _connection;
    private readonly HttpClient _http;
    private readonly VaultTransport _transport;
    private readonly VaultSession _session;
    private readonly string _mount;

    public VaultClient(VaultConnection connection, HttpClient http, ProviderMetrics metrics, TimeProvider time, ILogger logger)
    {
        _connection = connection;
        _http = http;
        _transport = new VaultTransport(connection, http, time);
        _session = new VaultSession(connection, _transport, metrics, time, logger);
        _mount = VaultPaths.Mount(connection.Mount, "mount");
    }

    /// <inheritdoc />
    public string Provider => _connection.Provider;

    /// <inheritdoc />
    public async Task<RemoteSecret> GetSecretAsync(RemoteReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        string key = VaultPaths.Key(reference.Key);
        bool v2 = _connection.KvVersion == VaultKvVersion.V2;
        int? version = Version(reference, v2);
        string name = $"{_connection.Mount.Trim('/')}/{reference.Key.Trim('/')}" + (version is { } v ? $" version {v}" : string.Empty);
        string path = v2
            ? $"{_mount}/data/{key}" + (version is { } n ? "?version=" + n.ToString(CultureInfo.InvariantCulture) : string.Empty)
            : $"{_mount}/{key}";
        string operation = "read " + name;

        VaultLease lease = await _session.GetAsync(cancellationToken).ConfigureAwait(false);
        VaultReply reply = await _transport.SendAsync(HttpMethod.Get, path, lease.Token, null, operation, cancellationToken).ConfigureAwait(false);
        VaultResponse? response = VaultTransport.Parse(reply);
        switch (reply.Status)
        {
            case HttpStatusCode.OK:
                return v2 ? ReadV2(response, name, operation) : ReadV1(response, operation);
            case HttpStatusCode.NotFound:
                throw NotFound(response, name, operation, v2);
            case HttpStatusCode.Forbidden:
                _session.Refused(lease, name);
                throw _transport.Failure(reply, response, operation, login: false);
            default:
                throw _transport.Failure(reply, response, operation, login: false);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _session.Dispose();
        _http.Dispose();
    }

    private static int? Version(RemoteReference reference, bool v2)
    {
        if (string.IsNullOrEmpty(reference.Version))
        {
            return null;
        }

        if (!v2)
        {
            throw new ProviderException(ProviderFailure.InvalidRequest, $"Vault KV v1 is not versioned: remove version '{reference.Version}' from {reference.Key}");
        }

        return int.TryParse(reference.Version, NumberStyles.None, CultureInfo.InvariantCulture, out int version) && version > 0
            ? version
            : throw new ProviderException(ProviderFailure.InvalidRequest, $"Vault KV v2 version '{reference.Version}' of {reference.Key} is not a positive integer");
    }

    private RemoteSecret ReadV2(VaultResponse? response, string name, string operation)
    {
        if (response?.Data is not { ValueKind: JsonValueKind.Object } data)
        {
            throw Malformed(operation, "no data");
        }

        if (Deleted(data) is { } deleted)
        {
            throw new ProviderException(ProviderFailure.NotFound, $"Vault {_transport.Server}: {name} {deleted}");
        }

        if (!data.TryGetProperty("data", out JsonElement entry) || entry.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(operation, "no data.data object");
        }

        string? version = data.TryGetProperty("metadata", out JsonElement metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("version", out JsonElement v) && v.TryGetInt64(out long number)
            ? number.ToString(CultureInfo.InvariantCulture)
            : null;
        return new RemoteSecret(Encoding.UTF8.GetBytes(entry.GetRawText()), version);
    }

    private RemoteSecret ReadV1(VaultResponse? response, string operation) =>
        response?.Data is { ValueKind: JsonValueKind.Object } data
            ? new RemoteSecret(Encoding.UTF8.GetBytes(data.GetRawText()), null)
            : throw Malformed(operation, "no data object");

    private ProviderException NotFound(VaultResponse? response, string name, string operation, bool v2)
    {
        if (v2 && response?.Data is { ValueKind: JsonValueKind.Object } data && Deleted(data) is { } deleted)
        {
            return new ProviderException(ProviderFailure.NotFound, $"Vault {_transport.Server}: {name} {deleted}");
        }

        if (response?.Warnings?.Any(w => w.Contains("versioned K/V", StringComparison.OrdinalIgnoreCase)) == true)
        {
            return new ProviderException(ProviderFailure.InvalidRequest, $"Vault {_transport.Server}: {operation}: mount {_connection.Mount} is a KV v2 engine; set version: v2");
        }

        if (response is { Errors: null or { Count: 0 } })
        {
            // Vault's "this path has no value": the one answer that confirms the secret (or version) does not exist.
            return new ProviderException(ProviderFailure.NotFound, $"Vault {_transport.Server}: {name} does not exist");
        }

        // Anything else (no handler for route: the mount is missing or misspelt) is not proof the secret was deleted.
        return new ProviderException(ProviderFailure.InvalidRequest, $"Vault {_transport.Server}: {operation}: 404, mount {_connection.Mount} not found or not a KV v{(int)_connection.KvVersion} engine{VaultTransport.Describe(response)}");
    }

    private static string? Deleted(JsonElement data)
    {
        if (!data.TryGetProperty("metadata", out JsonElement metadata) || metadata.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (metadata.TryGetProperty("destroyed", out JsonElement destroyed) && destroyed.ValueKind == JsonValueKind.True)
        {
            return "is destroyed";
        }

        return metadata.TryGetProperty("deletion_time", out JsonElement deletion) && deletion.ValueKind == JsonValueKind.String && deletion.GetString() is { Length: > 0 } when
            ? "was deleted at " + when
            : null;
    }

    private ProviderException Malformed(string operation, string what) =>
        new(ProviderFailure.Unavailable, $"Vault {_transport.Server}: {operation}: unexpected answer ({what})");
}
