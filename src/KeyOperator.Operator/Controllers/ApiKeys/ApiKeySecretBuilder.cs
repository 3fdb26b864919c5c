// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using k8s.Models;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Keys;

namespace KeyOperator.Operator.Controllers.ApiKeys;

/// <summary>
/// Builds the Secret an ApiKey asks for: data, identifying metadata, and the controller owner reference. Always new
/// objects: what it is given (possibly read from a cache) is never changed.
/// </summary>
internal static class ApiKeySecretBuilder
{
    public static V1OwnerReference OwnerOf(ApiKey apiKey) => new()
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
    public static V1Secret Build(ApiKey apiKey, ApiKeyFormat format, string secretName, GeneratedKey key, IReadOnlyDictionary<string, byte[]> data, V1Secret? existing)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        ArgumentNullException.ThrowIfNull(key);
        return new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = WithManagedMetadata(
                apiKey,
                existing?.Metadata ?? new V1ObjectMeta { Name = secretName, NamespaceProperty = apiKey.Metadata.NamespaceProperty },
                key.Version,
                key.Fingerprint,
                ApiKeySecretInspector.SpecHash(apiKey.Spec, format)),
            Type = existing?.Type ?? key.SecretType,
            Data = new Dictionary<string, byte[]>(data, StringComparer.Ordinal),
        };
    }

    /// <summary>The same Secret (metadata and type, resourceVersion included) with other data.</summary>
    public static V1Secret WithData(V1Secret secret, IReadOnlyDictionary<string, byte[]> data)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = Copy(secret.Metadata),
            Type = secret.Type,
            Immutable = secret.Immutable,
            Data = new Dictionary<string, byte[]>(data, StringComparer.Ordinal),
        };
    }

    /// <summary>The same Secret with other metadata (a repair of labels, annotations and owner).</summary>
    public static V1Secret WithMetadata(V1Secret secret, V1ObjectMeta metadata)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = metadata,
            Type = secret.Type,
            Immutable = secret.Immutable,
            Data = secret.Data is null ? null : new Dictionary<string, byte[]>(secret.Data, StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// Metadata with everything the operator manages set (label, annotations, template, controller owner) and
    /// everything else someone else put there kept.
    /// </summary>
    public static V1ObjectMeta WithManagedMetadata(ApiKey apiKey, V1ObjectMeta metadata, int version, string fingerprint, string specHash)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        ArgumentNullException.ThrowIfNull(metadata);
        Dictionary<string, string> labels = new(ObjectViews.Labels(metadata), StringComparer.Ordinal);
        Dictionary<string, string> annotations = new(ObjectViews.Annotations(metadata), StringComparer.Ordinal);
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

        List<V1OwnerReference> owners = [.. (metadata.OwnerReferences ?? []).Where(o => o.Controller != true)];
        owners.Add(OwnerOf(apiKey));
        V1ObjectMeta result = Copy(metadata);
        result.Labels = labels;
        result.Annotations = annotations;
        result.OwnerReferences = owners;
        return result;
    }

    /// <summary>True when the metadata already carries everything <see cref="WithManagedMetadata"/> would set.</summary>
    public static bool HasManagedMetadata(ApiKey apiKey, V1ObjectMeta metadata, int version, string fingerprint, string specHash)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        V1ObjectMeta wanted = WithManagedMetadata(apiKey, metadata, version, fingerprint, specHash);
        return SameEntries(ObjectViews.Labels(wanted), ObjectViews.Labels(metadata))
            && SameEntries(ObjectViews.Annotations(wanted), ObjectViews.Annotations(metadata))
            && (metadata.OwnerReferences ?? []).Count(o => o.Controller == true) == 1;
    }

    /// <summary>A copy of the fields a write sends back (identity, version, labels, annotations, owners, finalizers).</summary>
    private static V1ObjectMeta Copy(V1ObjectMeta metadata) => new()
    {
        Name = metadata.Name,
        NamespaceProperty = metadata.NamespaceProperty,
        Uid = metadata.Uid,
        ResourceVersion = metadata.ResourceVersion,
        GenerateName = metadata.GenerateName,
        Labels = metadata.Labels is null ? null : new Dictionary<string, string>(metadata.Labels, StringComparer.Ordinal),
        Annotations = metadata.Annotations is null ? null : new Dictionary<string, string>(metadata.Annotations, StringComparer.Ordinal),
        OwnerReferences = metadata.OwnerReferences is null ? null : [.. metadata.OwnerReferences],
        Finalizers = metadata.Finalizers is null ? null : [.. metadata.Finalizers],
    };

    private static bool SameEntries(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out string? v) && v == kv.Value);
}
