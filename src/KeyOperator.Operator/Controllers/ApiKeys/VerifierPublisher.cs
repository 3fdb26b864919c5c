// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers.Ports;

namespace KeyOperator.Operator.Controllers.ApiKeys;

/// <summary>
/// Keeps the verifier ConfigMap of an ApiKey: digests of every currently valid key, so an API gateway can check a
/// presented key without read access to the Secret. Removes the ConfigMap when the spec stops asking for it.
/// </summary>
internal sealed class VerifierPublisher(IConfigMapStore configMaps)
{
    /// <summary>Label on a verifier ConfigMap naming its ApiKey, so a dropped verifier block can be found and removed.</summary>
    public const string ApiKeyLabel = "keyoperator.io/apikey";

    public const string KeysDataKey = "keys.json";

    public static VerifierEntries PublicEntries(ApiKeyFormat format, IReadOnlyDictionary<string, byte[]>? data)
    {
        if (data is null)
        {
            return new VerifierEntries(null, null, null);
        }

        if (format is ApiKeyFormat.Rsa or ApiKeyFormat.Ecdsa)
        {
            return new VerifierEntries(null, null, data.TryGetValue(ApiKeyConstants.DataKeys.Jwks, out byte[]? jwks) ? Encoding.UTF8.GetString(jwks) : null);
        }

        string valueKey = format switch
        {
            ApiKeyFormat.Hmac => ApiKeyConstants.DataKeys.Secret,
            ApiKeyFormat.BasicAuth => ApiKeyConstants.DataKeys.Password,
            _ => ApiKeyConstants.DataKeys.Token,
        };
        return new VerifierEntries(Digest(data, valueKey), Digest(data, valueKey + ApiKeyConstants.DataKeys.PreviousSuffix), null);
    }

    /// <summary>
    /// Publishes what verifiers must accept given the Secret as written: its current value and, during a grace period,
    /// the previous one. The current key's createdAt comes from status, or <paramref name="fallbackCreatedAt"/> before
    /// status records it. Does nothing for a Secret without a recognisable key.
    /// </summary>
    public Task PublishFromSecretAsync(ApiKey apiKey, ApiKeyFormat format, V1Secret secret, int fallbackVersion, DateTimeOffset fallbackCreatedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        ArgumentNullException.ThrowIfNull(secret);
        if (ApiKeySecretInspector.FingerprintOf(format, ObjectViews.Data(secret)) is not { } fingerprint)
        {
            return Task.CompletedTask;
        }

        int version = RotationObserver.ObserveSecret(format, secret).Version ?? fallbackVersion;
        DateTimeOffset createdAt = apiKey.Status?.Keys?.FirstOrDefault(k => k.Version == version)?.CreatedAt ?? fallbackCreatedAt;
        return PublishAsync(apiKey, format, new KeyRecord(version, fingerprint, createdAt, PublicEntries(format, ObjectViews.Data(secret))), cancellationToken);
    }

    public async Task PublishAsync(ApiKey apiKey, ApiKeyFormat format, KeyRecord key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        ArgumentNullException.ThrowIfNull(key);
        string ns = apiKey.Metadata.NamespaceProperty!;
        string? wanted = apiKey.Spec.Verifier is null ? null : apiKey.Spec.Verifier.ConfigMapName ?? apiKey.Metadata.Name + "-verifier";
        await RemoveStaleAsync(apiKey, wanted, cancellationToken).ConfigureAwait(false);
        if (wanted is null)
        {
            return;
        }

        Dictionary<string, string> data = new(StringComparer.Ordinal) { [KeysDataKey] = KeysDocument(apiKey, format, key) };
        if (key.Verifier.Jwks is not null)
        {
            data[ApiKeyConstants.DataKeys.Jwks] = key.Verifier.Jwks;
        }

        V1ConfigMap? existing = await configMaps.GetAsync(ns, wanted, ReadFrom.Cache, cancellationToken).ConfigureAwait(false);
        if (existing is not null && !existing.Metadata?.OwnerReferences?.Any(o => o.Controller == true && o.Uid == apiKey.Metadata.Uid) == true)
        {
            // Someone else's ConfigMap: never overwritten, as with Secrets.
            return;
        }

        V1ConfigMap desired = new()
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta
            {
                Name = wanted,
                NamespaceProperty = ns,
                ResourceVersion = existing?.Metadata?.ResourceVersion,
                Annotations = existing?.Metadata?.Annotations is { } annotations ? new Dictionary<string, string>(annotations, StringComparer.Ordinal) : null,
                Labels = new Dictionary<string, string>(ObjectViews.Labels(existing?.Metadata), StringComparer.Ordinal)
                {
                    [ApiKeyConstants.Labels.ManagedBy] = ApiKeyConstants.Labels.ManagedByValue,
                    [ApiKeyLabel] = apiKey.Metadata.Name!,
                },
                OwnerReferences = [ApiKeySecretBuilder.OwnerOf(apiKey)],
            },
            Data = data,
        };
        if (existing is null)
        {
            await configMaps.CreateAsync(desired, cancellationToken).ConfigureAwait(false);
        }
        else if (!SameData(ObjectViews.Data(existing), data) || ObjectViews.Labels(existing.Metadata).GetValueOrDefault(ApiKeyLabel) != apiKey.Metadata.Name)
        {
            await configMaps.ReplaceAsync(desired, cancellationToken).ConfigureAwait(false);
        }
    }

    private string KeysDocument(ApiKey apiKey, ApiKeyFormat format, KeyRecord key)
    {
        JsonArray keys = [];
        if (key.Verifier.CurrentDigest is not null)
        {
            keys.Add((JsonNode)new JsonObject { ["role"] = "current", ["version"] = key.Version, ["sha256"] = key.Verifier.CurrentDigest, ["createdAt"] = Rfc3339(key.CreatedAt) });
        }

        if (key.Verifier.PreviousDigest is not null)
        {
            keys.Add((JsonNode)new JsonObject { ["role"] = "previous", ["sha256"] = key.Verifier.PreviousDigest });
        }

        JsonObject document = new()
        {
            ["apiKey"] = apiKey.Metadata.Name,
            ["format"] = FormatName(format),
            ["algorithm"] = "sha256",
            ["currentVersion"] = key.Version,
            ["keys"] = keys,
        };
        return document.ToJsonString();
    }

    private async Task RemoveStaleAsync(ApiKey apiKey, string? wanted, CancellationToken cancellationToken)
    {
        IReadOnlyList<V1ConfigMap> owned = configMaps.ListOwned(apiKey.Metadata.NamespaceProperty, ApiKeyLabel, apiKey.Metadata.Name);
        foreach (V1ConfigMap stale in owned.Where(c => c.Metadata.Name != wanted && c.Metadata.OwnerReferences?.Any(o => o.Uid == apiKey.Metadata.Uid) == true))
        {
            await configMaps.DeleteAsync(stale.Metadata.NamespaceProperty, stale.Metadata.Name, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string? Digest(IReadOnlyDictionary<string, byte[]> data, string key) =>
        data.TryGetValue(key, out byte[]? value) && value.Length > 0 ? Convert.ToHexStringLower(SHA256.HashData(value)) : null;

    private static bool SameData(IReadOnlyDictionary<string, string>? a, Dictionary<string, string> b) =>
        a is not null && a.Count == b.Count && b.All(kv => a.TryGetValue(kv.Key, out string? v) && v == kv.Value);

    private static string Rfc3339(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string FormatName(ApiKeyFormat format) => format switch
    {
        ApiKeyFormat.Hmac => "hmac",
        ApiKeyFormat.Rsa => "rsa",
        ApiKeyFormat.Ecdsa => "ecdsa",
        ApiKeyFormat.BasicAuth => "basicAuth",
        _ => "token",
    };
}
