// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KeyOperator.Kubernetes;
using KeyOperator.Kubernetes.Errors;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;
using KeyOperator.Operator.ApiKeys;

namespace KeyOperator.Operator.Controllers.ApiKeys;

/// <summary>
/// Keeps the verifier ConfigMap of an ApiKey: digests of every currently valid key, so an API gateway can check a
/// presented key without read access to the Secret. Removes the ConfigMap when the spec stops asking for it.
/// </summary>
internal sealed class VerifierPublisher(IKubernetesClient client)
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
    public Task PublishFromSecretAsync(ApiKey apiKey, ApiKeyFormat format, Secret secret, int fallbackVersion, DateTimeOffset fallbackCreatedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        ArgumentNullException.ThrowIfNull(secret);
        if (ApiKeySecretInspector.FingerprintOf(format, secret.Data) is not { } fingerprint)
        {
            return Task.CompletedTask;
        }

        int version = RotationObserver.ObserveSecret(format, secret).Version ?? fallbackVersion;
        DateTimeOffset createdAt = apiKey.Status?.Keys?.FirstOrDefault(k => k.Version == version)?.CreatedAt ?? fallbackCreatedAt;
        return PublishAsync(apiKey, format, new KeyRecord(version, fingerprint, createdAt, PublicEntries(format, secret.Data)), cancellationToken);
    }

    public async Task PublishAsync(ApiKey apiKey, ApiKeyFormat format, KeyRecord key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        ArgumentNullException.ThrowIfNull(key);
        string ns = apiKey.Metadata.Namespace!;
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

        ConfigMap? existing = await TryGetAsync(ns, wanted, cancellationToken).ConfigureAwait(false);
        if (existing is not null && !existing.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == apiKey.Metadata.Uid) == true)
        {
            // Someone else's ConfigMap: never overwritten, as with Secrets.
            return;
        }

        ConfigMap desired = new()
        {
            Metadata = (existing?.Metadata ?? new ObjectMeta { Name = wanted, Namespace = ns }) with
            {
                Labels = new Dictionary<string, string>(existing?.Metadata.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal)
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
            await client.CreateAsync(ResourceType.ConfigMaps, desired, KubernetesJsonContext.Default.ConfigMap, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        else if (!SameData(existing.Data, data) || existing.Metadata.Labels?.GetValueOrDefault(ApiKeyLabel) != apiKey.Metadata.Name)
        {
            await client.ReplaceAsync(ResourceType.ConfigMaps, desired, KubernetesJsonContext.Default.ConfigMap, cancellationToken: cancellationToken).ConfigureAwait(false);
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
        KubernetesList<ConfigMap> owned = await client.ListAsync(
            ResourceType.ConfigMaps,
            apiKey.Metadata.Namespace,
            KubernetesJsonContext.Default.KubernetesListConfigMap,
            new ListOptions { LabelSelector = $"{ApiKeyLabel}={apiKey.Metadata.Name}" },
            cancellationToken).ConfigureAwait(false);
        foreach (ConfigMap stale in owned.Items.Where(c => c.Metadata.Name != wanted && c.Metadata.OwnerReferences?.Any(o => o.Uid == apiKey.Metadata.Uid) == true))
        {
            try
            {
                await client.DeleteAsync(ResourceType.ConfigMaps, stale.Metadata.Namespace, stale.Metadata.Name!, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (NotFoundException)
            {
                // Already gone: the goal is reached.
            }
        }
    }

    private async Task<ConfigMap?> TryGetAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetAsync(ResourceType.ConfigMaps, @namespace, name, KubernetesJsonContext.Default.ConfigMap, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (NotFoundException)
        {
            return null;
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
