// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json;
using System.Text.Json.Nodes;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers.Ports;
using KeyOperator.Operator.Rotation;
using KeyOperator.Operator.Serialization;
using KeyOperator.Runtime.Conditions;

namespace KeyOperator.Operator.Controllers.ApiKeys;

/// <summary>
/// Writes ApiKey status through the status subresource, replacing it whole with the object's resourceVersion as a
/// precondition (a stale read fails with 409 and is requeued, instead of overwriting a rotation step another writer
/// recorded), and only when something changed, so a status write does not trigger an endless chain of reconciles.
/// </summary>
internal sealed class ApiKeyStatusWriter(IApiKeyStore store, TimeProvider time)
{
    /// <summary>How many versions status.keys lists: the current, the previous and some history.</summary>
    public const int MaxKeyEntries = 5;

    public Task<ApiKey> WriteReadyAsync(ApiKey apiKey, ApiKeyFormat format, string secretName, KeyRecord key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        ArgumentNullException.ThrowIfNull(key);
        ApiKeyStatus previous = apiKey.Status ?? new ApiKeyStatus();
        IReadOnlyList<KeyVersionStatus> keys = previous.Keys ?? [];
        if (!keys.Any(k => k.Version == key.Version && k.Fingerprint == key.Fingerprint && k.State == KeyVersionState.Current))
        {
            // A key issued outside a rotation (first key, re-issue after deletion or tampering): older versions stay
            // listed as Retired for history, since the Secret holds only the new value. A rotation's own entries
            // (Previous during the grace period) already name this version Current and are kept as they are.
            KeyVersionStatus current = new() { Version = key.Version, Fingerprint = key.Fingerprint, CreatedAt = SecondPrecision.Truncate(key.CreatedAt), State = KeyVersionState.Current };
            keys = [current, .. keys.Where(k => k.Version != key.Version).Select(k => k with { State = KeyVersionState.Retired }).Take(MaxKeyEntries - 1)];
        }

        keys = WithSource(keys, apiKey.Spec, key.Version);
        ApiKeyStatus next = previous with
        {
            ObservedGeneration = apiKey.Metadata.Generation,
            Conditions = KeyReady(previous.Conditions, secretName, key.Version, apiKey.Metadata.Generation),
            SecretName = secretName,
            Format = format,
            CurrentVersion = key.Version,
            Fingerprint = key.Fingerprint,
            Keys = keys,

            // The first key is minted after any rotate request already on a new ApiKey, so it satisfies it: applying
            // a manifest that carries the annotation must not rotate a key that was just created.
            LastRotateAnnotation = previous.CurrentVersion is null
                ? ObjectViews.Annotations(apiKey.Metadata).GetValueOrDefault(ApiKeyConstants.Annotations.Rotate)
                : previous.LastRotateAnnotation,
        };
        return WriteAsync(apiKey, next, cancellationToken);
    }

    /// <summary>status.keys with the version's source set: "hsm/&lt;name&gt;" for a key from an HSM, none for software keys.</summary>
    public static ApiKeyStatus WithSource(ApiKeyStatus status, ApiKeySpec spec, int version)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.Keys is null ? status : status with { Keys = WithSource(status.Keys, spec, version) };
    }

    private static IReadOnlyList<KeyVersionStatus> WithSource(IReadOnlyList<KeyVersionStatus> keys, ApiKeySpec spec, int version)
    {
        string? source = spec.Source?.Hsm is { } hsm ? KeyOperator.Operator.Hsm.HsmKeyDeriver.SourceLabel(hsm) : null;
        return keys.Any(k => k.Version == version && k.Source != source)
            ? [.. keys.Select(k => k.Version == version ? k with { Source = source } : k)]
            : keys;
    }

    public Task<ApiKey> WriteNotReadyAsync(ApiKey apiKey, string reason, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        ApiKeyStatus previous = apiKey.Status ?? new ApiKeyStatus();
        ApiKeyStatus next = previous with
        {
            ObservedGeneration = apiKey.Metadata.Generation,
            Conditions = SetReady(previous.Conditions, ConditionStatus.False, reason, message, apiKey.Metadata.Generation),
        };
        return WriteAsync(apiKey, next, cancellationToken);
    }

    /// <summary>
    /// Replaces the status with <paramref name="next"/> unless it is what <paramref name="apiKey"/> already holds.
    /// Carries <paramref name="apiKey"/>'s resourceVersion: a write based on a stale read fails with 409.
    /// </summary>
    /// <returns>The ApiKey as stored (the same object when nothing was written).</returns>
    public async Task<ApiKey> WriteAsync(ApiKey apiKey, ApiKeyStatus next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        JsonNode nextJson = JsonSerializer.SerializeToNode(next, OperatorJsonContext.Default.ApiKeyStatus)!;
        JsonNode? currentJson = apiKey.Status is null ? null : JsonSerializer.SerializeToNode(apiKey.Status, OperatorJsonContext.Default.ApiKeyStatus);
        if (JsonNode.DeepEquals(nextJson, currentJson))
        {
            return apiKey;
        }

        return await store.ReplaceStatusAsync(apiKey with { Status = next }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets condition <paramref name="type"/> as apimachinery's SetStatusCondition does (transition time moves only on a flip).</summary>
    public IReadOnlyList<Condition> SetCondition(IReadOnlyList<Condition>? conditions, string type, string status, string reason, string message, long? generation)
    {
        return Conditions.Set(conditions, type, status, reason, message, generation, time.GetUtcNow());
    }

    /// <summary>Removes condition <paramref name="type"/>; null when no condition is left.</summary>
    public static IReadOnlyList<Condition>? RemoveCondition(IReadOnlyList<Condition>? conditions, string type) =>
        conditions is null ? null : Conditions.Remove(conditions, type);

    /// <summary>The Ready condition saying which version the Secret holds (a rotation's commit switches it too).</summary>
    public IReadOnlyList<Condition> KeyReady(IReadOnlyList<Condition>? conditions, string secretName, int version, long? generation) =>
        SetReady(conditions, ConditionStatus.True, ApiKeyReasons.KeyReady, $"Secret {secretName} holds key version {version}", generation);

    private IReadOnlyList<Condition> SetReady(IReadOnlyList<Condition>? conditions, string status, string reason, string message, long? generation) =>
        SetCondition(conditions, ConditionTypes.Ready, status, reason, message, generation);
}
