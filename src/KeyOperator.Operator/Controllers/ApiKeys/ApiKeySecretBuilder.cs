// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Keys;

namespace KeyOperator.Operator.Controllers.ApiKeys;

/// <summary>Builds the Secret an ApiKey asks for: data, identifying metadata, and the controller owner reference.</summary>
internal static class ApiKeySecretBuilder
{
    public static OwnerReference OwnerOf(ApiKey apiKey) => new()
    {
        ApiVersion = ApiKeyConstants.ApiVersion,
        Kind = ApiKeyConstants.Kind,
        Name = apiKey.Metadata.Name!,
        Uid = apiKey.Metadata.Uid!,
        Controller = true,
        BlockOwnerDeletion = true,
    };

    /// <summary>
    /// The Secret holding <paramref name="key"/>. When <paramref name="existing"/> is given its resourceVersion is
    /// kept, so the write fails with 409 if someone changed the Secret since it was read.
    /// </summary>
    public static Secret Build(ApiKey apiKey, ApiKeyFormat format, string secretName, GeneratedKey key, IReadOnlyDictionary<string, byte[]> data, Secret? existing)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        ArgumentNullException.ThrowIfNull(key);
        return new Secret
        {
            Metadata = WithManagedMetadata(
                apiKey,
                existing?.Metadata ?? new ObjectMeta { Name = secretName, Namespace = apiKey.Metadata.Namespace },
                key.Version,
                key.Fingerprint,
                ApiKeySecretInspector.SpecHash(apiKey.Spec, format)),
            Type = existing?.Type ?? key.SecretType,
            Data = data,
        };
    }

    /// <summary>
    /// Metadata with everything the operator manages set (label, annotations, template, controller owner) and
    /// everything else someone else put there kept.
    /// </summary>
    public static ObjectMeta WithManagedMetadata(ApiKey apiKey, ObjectMeta metadata, int version, string fingerprint, string specHash)
    {
        Dictionary<string, string> labels = new(metadata.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        Dictionary<string, string> annotations = new(metadata.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach ((string name, string value) in apiKey.Spec.SecretTemplate?.Labels ?? new Dictionary<string, string>())
        {
            labels[name] = value;
        }

        foreach ((string name, string value) in apiKey.Spec.SecretTemplate?.Annotations ?? new Dictionary<string, string>())
        {
            annotations[name] = value;
        }

        labels[ApiKeyConstants.Labels.ManagedBy] = ApiKeyConstants.Labels.ManagedByValue;
        annotations[ApiKeyConstants.Annotations.Version] = version.ToString(CultureInfo.InvariantCulture);
        annotations[ApiKeyConstants.Annotations.Fingerprint] = fingerprint;
        annotations[ApiKeySecretInspector.SpecHashAnnotation] = specHash;

        List<OwnerReference> owners = [.. (metadata.OwnerReferences ?? []).Where(o => o.Controller != true)];
        owners.Add(OwnerOf(apiKey));
        return metadata with { Labels = labels, Annotations = annotations, OwnerReferences = owners };
    }

    /// <summary>True when the metadata already carries everything <see cref="WithManagedMetadata"/> would set.</summary>
    public static bool HasManagedMetadata(ApiKey apiKey, ObjectMeta metadata, int version, string fingerprint, string specHash)
    {
        ObjectMeta wanted = WithManagedMetadata(apiKey, metadata, version, fingerprint, specHash);
        return SameEntries(wanted.Labels, metadata.Labels) && SameEntries(wanted.Annotations, metadata.Annotations)
            && (metadata.OwnerReferences ?? []).Count(o => o.Controller == true) == 1;
    }

    private static bool SameEntries(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a ?? new Dictionary<string, string>()).All(kv => b is not null && b.TryGetValue(kv.Key, out string? v) && v == kv.Value);
}
