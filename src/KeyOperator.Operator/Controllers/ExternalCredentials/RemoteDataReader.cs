// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using System.Text.Json;
using KeyOperator.Operator.ExternalCredentials;
using KeyOperator.Providers;

namespace KeyOperator.Operator.Controllers.ExternalCredentials;

/// <summary>
/// Reads every remote value a spec names through one shared client, each remote secret once per sync however many
/// keys pick properties of it, and picks properties of JSON values. A confirmed not-found is collected, not thrown, so
/// the caller can keep the last value until a second sync confirms it; every other provider failure fails the sync.
/// </summary>
internal static class RemoteDataReader
{
    public static async Task<RemoteData> ReadAsync(ISecretProvider provider, ExternalCredentialSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(spec);
        Dictionary<RemoteReference, RemoteSecret?> read = [];
        Dictionary<string, byte[]> values = new(StringComparer.Ordinal);
        List<string> versions = [];
        List<string> notFound = [];
        Dictionary<string, string> notFoundTargets = new(StringComparer.Ordinal);

        foreach (ExternalDataFromSpec from in spec.DataFrom ?? [])
        {
            RemoteRefSpec remote = from.Extract ?? throw new SyncFailure("spec.dataFrom[].extract is required");
            RemoteSecret? secret = await GetAsync(provider, remote, read, notFound, versions, cancellationToken).ConfigureAwait(false);
            if (secret is null)
            {
                continue;
            }

            foreach ((string key, byte[] value) in Extract(remote, secret))
            {
                values[key] = value;
            }
        }

        // Explicit keys win over extracted ones of the same name: they are the more specific instruction.
        foreach (ExternalDataSpec data in spec.Data ?? [])
        {
            RemoteRefSpec remote = data.RemoteRef ?? throw new SyncFailure("spec.data[].remoteRef is required");
            string target = data.SecretKey ?? throw new SyncFailure("spec.data[].secretKey is required");
            RemoteSecret? secret = await GetAsync(provider, remote, read, notFound, versions, cancellationToken).ConfigureAwait(false);
            if (secret is null)
            {
                notFoundTargets[target] = remote.Key!;
                continue;
            }

            values[target] = string.IsNullOrEmpty(remote.Property) ? secret.Value.ToArray() : Property(remote, secret);
        }

        return new RemoteData(values, versions, notFound, notFoundTargets);
    }

    private static async Task<RemoteSecret?> GetAsync(
        ISecretProvider provider,
        RemoteRefSpec remote,
        Dictionary<RemoteReference, RemoteSecret?> read,
        List<string> notFound,
        List<string> versions,
        CancellationToken cancellationToken)
    {
        RemoteReference reference = new(remote.Key ?? throw new SyncFailure("remoteRef.key is required"), string.IsNullOrEmpty(remote.Version) ? null : remote.Version);
        if (read.TryGetValue(reference, out RemoteSecret? known))
        {
            return known;
        }

        RemoteSecret? secret;
        try
        {
            secret = await provider.GetSecretAsync(reference, cancellationToken).ConfigureAwait(false);
            versions.Add(secret.Version ?? "-");
        }
        catch (ProviderException ex) when (ex.Failure == ProviderFailure.NotFound)
        {
            notFound.Add(reference.Version is null ? reference.Key : reference.Key + "@" + reference.Version);
            secret = null;
        }
        catch (ProviderException ex)
        {
            throw new SyncFailure(Reason(ex.Failure), $"{provider.Provider}: reading {reference.Key}: {ex.Message}", ex.RetryAfter, ex);
        }

        read[reference] = secret;
        return secret;
    }

    private static string Reason(ProviderFailure failure) => failure switch
    {
        ProviderFailure.AuthFailed => ExternalCredentialReasons.AuthFailed,
        ProviderFailure.Throttled => ExternalCredentialReasons.Throttled,
        ProviderFailure.InvalidRequest => ExternalCredentialReasons.InvalidSpec,
        ProviderFailure.NotFound => ExternalCredentialReasons.NotFound,
        _ => ExternalCredentialReasons.ProviderUnavailable,
    };

    private static byte[] Property(RemoteRefSpec remote, RemoteSecret secret)
    {
        using JsonDocument document = Parse(remote, secret);
        if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty(remote.Property!, out JsonElement field))
        {
            throw new SyncFailure(ExternalCredentialReasons.InvalidSpec, $"remote secret {remote.Key} has no property {remote.Property}");
        }

        return Bytes(field);
    }

    private static IEnumerable<KeyValuePair<string, byte[]>> Extract(RemoteRefSpec remote, RemoteSecret secret)
    {
        using JsonDocument document = Parse(remote, secret);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new SyncFailure(ExternalCredentialReasons.InvalidSpec, $"remote secret {remote.Key} is not a JSON object, so dataFrom.extract cannot split it");
        }

        List<KeyValuePair<string, byte[]>> fields = [];
        foreach (JsonProperty property in document.RootElement.EnumerateObject())
        {
            fields.Add(new(property.Name, Bytes(property.Value)));
        }

        return fields;
    }

    private static JsonDocument Parse(RemoteRefSpec remote, RemoteSecret secret)
    {
        try
        {
            return JsonDocument.Parse(secret.Value);
        }
        catch (JsonException)
        {
            // JsonException messages quote the offending text: never pass them on.
            throw new SyncFailure(ExternalCredentialReasons.InvalidSpec, $"remote secret {remote.Key} is not JSON, so its properties cannot be picked");
        }
    }

    // A string field is its text; anything else (numbers, objects) its JSON, as ESO does.
    private static byte[] Bytes(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? Encoding.UTF8.GetBytes(value.GetString()!) : Encoding.UTF8.GetBytes(value.GetRawText());
}
