// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ApiMachinery.Patching;

/// <summary>
/// Which list fields a strategic merge patch merges instead of replacing, looked up by field path
/// (<c>spec.template.spec.containers</c>, list indices left out) first and by field name second.
/// </summary>
public sealed class StrategicMergeMetadata
{
    private readonly IReadOnlyDictionary<string, ListMergeStrategy?> _byPath;
    private readonly IReadOnlyDictionary<string, ListMergeStrategy> _byFieldName;

    /// <summary>Creates metadata from explicit tables.</summary>
    /// <param name="byFieldName">Strategies by field name, used anywhere in the object.</param>
    /// <param name="byPath">Strategies by dotted path; a null value forces replacement at that path.</param>
    public StrategicMergeMetadata(IReadOnlyDictionary<string, ListMergeStrategy> byFieldName, IReadOnlyDictionary<string, ListMergeStrategy?>? byPath = null)
    {
        ArgumentNullException.ThrowIfNull(byFieldName);
        _byFieldName = byFieldName;
        _byPath = byPath ?? new Dictionary<string, ListMergeStrategy?>();
    }

    /// <summary>
    /// The merge keys of the built-in kinds the control plane serves, from the <c>patchMergeKey</c> struct tags of
    /// k8s.io/api (core/v1 PodSpec, Container, ServiceAccount; apps/v1 status; admissionregistration/v1) and
    /// apimachinery ObjectMeta. Names are unique enough across those kinds that a by-name table suffices.
    /// </summary>
    public static StrategicMergeMetadata Kubernetes { get; } = new(
        new Dictionary<string, ListMergeStrategy>(StringComparer.Ordinal)
        {
            ["containers"] = ListMergeStrategy.ByKey("name"),
            ["initContainers"] = ListMergeStrategy.ByKey("name"),
            ["ephemeralContainers"] = ListMergeStrategy.ByKey("name"),
            ["volumes"] = ListMergeStrategy.ByKey("name"),
            ["env"] = ListMergeStrategy.ByKey("name"),
            ["ports"] = ListMergeStrategy.ByKey("containerPort"),
            ["volumeMounts"] = ListMergeStrategy.ByKey("mountPath"),
            ["volumeDevices"] = ListMergeStrategy.ByKey("devicePath"),
            ["imagePullSecrets"] = ListMergeStrategy.ByKey("name"),
            ["hostAliases"] = ListMergeStrategy.ByKey("ip"),
            ["topologySpreadConstraints"] = ListMergeStrategy.ByKey("topologyKey"),
            ["resourceClaims"] = ListMergeStrategy.ByKey("name"),
            ["schedulingGates"] = ListMergeStrategy.ByKey("name"),
            ["ownerReferences"] = ListMergeStrategy.ByKey("uid"),
            ["conditions"] = ListMergeStrategy.ByKey("type"),
            ["secrets"] = ListMergeStrategy.ByKey("name"),
            ["webhooks"] = ListMergeStrategy.ByKey("name"),
        },
        new Dictionary<string, ListMergeStrategy?>(StringComparer.Ordinal)
        {
            ["metadata.finalizers"] = ListMergeStrategy.PrimitiveSet,
            ["spec.ports"] = ListMergeStrategy.ByKey("port"),
        });

    /// <summary>No merge keys: every list is replaced (what custom resources get with a JSON merge patch).</summary>
    public static StrategicMergeMetadata None { get; } = new(new Dictionary<string, ListMergeStrategy>());

    /// <summary>The strategy of the list at <paramref name="path"/>; null means replace.</summary>
    /// <param name="path">Dotted path of the list field from the object root.</param>
    public ListMergeStrategy? For(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (_byPath.TryGetValue(path, out var exact))
        {
            return exact;
        }

        var field = path[(path.LastIndexOf('.') + 1)..];
        return _byFieldName.GetValueOrDefault(field);
    }
}
