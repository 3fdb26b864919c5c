// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using k8s.Models;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Keys;
using KeyOperator.Operator.Rotation;

namespace KeyOperator.Operator.Controllers.ApiKeys;

/// <summary>Gathers what <see cref="RotationPlanner"/> looks at from the ApiKey, its Secret and its restart targets.</summary>
internal static class RotationObserver
{
    public static RotationObservation Observe(
        ApiKey apiKey,
        ApiKeyFormat format,
        V1Secret? secret,
        IReadOnlyDictionary<RestartTarget, int> restartedVersions,
        string? heldMaterialFingerprint)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        ApiKeyStatus status = apiKey.Status ?? new ApiKeyStatus();
        KeyVersionStatus? current = status.Keys?.FirstOrDefault(k => k.Version == status.CurrentVersion);
        IReadOnlyDictionary<string, string> annotations = ObjectViews.Annotations(apiKey.Metadata);
        return new RotationObservation
        {
            ApiKeyName = apiKey.Metadata.Name!,
            Uid = apiKey.Metadata.Uid ?? string.Empty,
            CurrentVersion = status.CurrentVersion ?? 0,
            CurrentFingerprint = status.Fingerprint,
            CurrentCreatedAt = current?.CreatedAt,
            CurrentNotAfter = current?.NotAfter,
            LastRotationTime = status.LastRotationTime,
            LastRotateAnnotation = status.LastRotateAnnotation,
            Rotation = RotationStateCodec.FromJson(status.Rotation),
            RotateAnnotation = annotations.GetValueOrDefault(ApiKeyConstants.Annotations.Rotate),
            RevokePreviousAnnotation = annotations.GetValueOrDefault(ApiKeyConstants.Annotations.RevokePrevious),
            Secret = ObserveSecret(format, secret),
            RestartTargets = apiKey.Spec.RestartTargets ?? [],
            RestartedVersions = restartedVersions,
            HeldMaterialFingerprint = heldMaterialFingerprint,
        };
    }

    /// <summary>Versions and fingerprints of the Secret, recomputed from its data (the annotations can be edited).</summary>
    public static SecretObservation ObserveSecret(ApiKeyFormat format, V1Secret? secret)
    {
        if (secret is null)
        {
            return SecretObservation.Missing;
        }

        IReadOnlyDictionary<string, byte[]> data = ObjectViews.Data(secret) ?? new Dictionary<string, byte[]>();
        Dictionary<string, byte[]> previous = new(StringComparer.Ordinal);
        foreach ((string key, byte[] value) in data)
        {
            if (SecretDataLayout.IsPrevious(key))
            {
                previous[key[..^ApiKeyConstants.DataKeys.PreviousSuffix.Length]] = value;
            }
        }

        string? version = ObjectViews.Annotations(secret.Metadata).GetValueOrDefault(ApiKeyConstants.Annotations.Version);
        return new SecretObservation
        {
            Exists = true,
            Version = int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) ? parsed : null,
            CurrentFingerprint = ApiKeySecretInspector.FingerprintOf(format, data),
            PreviousFingerprint = previous.Count == 0 ? null : ApiKeySecretInspector.FingerprintOf(format, previous),
        };
    }
}
