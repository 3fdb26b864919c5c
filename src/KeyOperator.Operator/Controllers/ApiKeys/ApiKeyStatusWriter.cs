// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json;
using System.Text.Json.Nodes;
using KeyOperator.Kubernetes;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Serialization;
using KeyOperator.Runtime.Conditions;

namespace KeyOperator.Operator.Controllers.ApiKeys;

/// <summary>
/// Writes ApiKey status through the status subresource with a merge patch (no resourceVersion, so no 409 storm),
/// and only when something changed, so a status write does not trigger an endless chain of reconciles.
/// </summary>
internal sealed class ApiKeyStatusWriter(IKubernetesClient client, TimeProvider time)
{
    public const string FieldManager = "key-operator-apikeys";

    public static ResourceType ApiKeys { get; } = new()
    {
        Group = ApiKeyConstants.Group,
        Version = ApiKeyConstants.Version,
        Plural = ApiKeyConstants.Plural,
        Kind = ApiKeyConstants.Kind,
        Namespaced = true,
    };

    public Task WriteReadyAsync(ApiKey apiKey, ApiKeyFormat format, string secretName, KeyRecord key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        ArgumentNullException.ThrowIfNull(key);
        ApiKeyStatus previous = apiKey.Status ?? new ApiKeyStatus();
        KeyVersionStatus current = new() { Version = key.Version, Fingerprint = key.Fingerprint, CreatedAt = key.CreatedAt, State = KeyVersionState.Current };
        List<KeyVersionStatus> keys = [current];

        // Older versions stay listed as Retired for history; the Secret holds only what is still valid.
        keys.AddRange((previous.Keys ?? []).Where(k => k.Version != key.Version).Select(k => k with { State = KeyVersionState.Retired }).Take(4));
        ApiKeyStatus next = previous with
        {
            ObservedGeneration = apiKey.Metadata.Generation,
            Conditions = SetReady(previous.Conditions, ConditionStatus.True, ApiKeyReasons.KeyReady, $"Secret {secretName} holds key version {key.Version}", apiKey.Metadata.Generation),
            SecretName = secretName,
            Format = format,
            CurrentVersion = key.Version,
            Fingerprint = key.Fingerprint,
            Keys = keys,
        };
        return WriteAsync(apiKey, next, cancellationToken);
    }

    public Task WriteNotReadyAsync(ApiKey apiKey, string reason, string message, CancellationToken cancellationToken)
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

    private async Task WriteAsync(ApiKey apiKey, ApiKeyStatus next, CancellationToken cancellationToken)
    {
        JsonNode nextJson = JsonSerializer.SerializeToNode(next, OperatorJsonContext.Default.ApiKeyStatus)!;
        JsonNode? currentJson = apiKey.Status is null ? null : JsonSerializer.SerializeToNode(apiKey.Status, OperatorJsonContext.Default.ApiKeyStatus);
        if (JsonNode.DeepEquals(nextJson, currentJson))
        {
            return;
        }

        JsonObject patch = new() { ["status"] = nextJson };
        await client.PatchAsync(
            ApiKeys,
            apiKey.Metadata.Namespace,
            apiKey.Metadata.Name!,
            KubernetesPatch.Merge(patch),
            OperatorJsonContext.Default.ApiKey,
            new WriteOptions { Subresource = "status", FieldManager = FieldManager },
            cancellationToken).ConfigureAwait(false);
    }

    private IReadOnlyList<Condition> SetReady(IReadOnlyList<Condition>? conditions, string status, string reason, string message, long? generation)
    {
        IReadOnlyList<StatusCondition> updated = Conditions.Set(
            conditions?.Select(ToRuntime).ToArray(),
            ConditionTypes.Ready,
            status,
            reason,
            message,
            generation,
            time.GetUtcNow());
        return [.. updated.Select(FromRuntime)];
    }

    private static StatusCondition ToRuntime(Condition c) => new()
    {
        Type = c.Type,
        Status = c.Status,
        Reason = c.Reason,
        Message = c.Message,
        ObservedGeneration = c.ObservedGeneration,
        LastTransitionTime = c.LastTransitionTime,
    };

    private static Condition FromRuntime(StatusCondition c) => new()
    {
        Type = c.Type,
        Status = c.Status,
        Reason = c.Reason,
        Message = c.Message,
        ObservedGeneration = c.ObservedGeneration,
        // meta/v1 Time has second precision: truncating here keeps the written and the read-back value equal.
        LastTransitionTime = c.LastTransitionTime is { } t ? new DateTimeOffset(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero) : null,
    };
}
