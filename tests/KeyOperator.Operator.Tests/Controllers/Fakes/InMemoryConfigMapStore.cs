// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s.Models;
using KeyOperator.Operator.Controllers.Ports;

namespace KeyOperator.Operator.Tests.Controllers.Fakes;

/// <summary>ConfigMaps held in memory.</summary>
internal sealed class InMemoryConfigMapStore(ObjectVersions versions) : IConfigMapStore
{
    private readonly Dictionary<(string, string), V1ConfigMap> _items = [];

    public V1ConfigMap? Find(string @namespace, string name) => _items.GetValueOrDefault((@namespace, name));

    public Task<V1ConfigMap?> GetAsync(string @namespace, string name, ReadFrom from, CancellationToken cancellationToken) =>
        Task.FromResult(_items.GetValueOrDefault((@namespace, name)));

    public IReadOnlyList<V1ConfigMap> ListOwned(string @namespace, string label, string value) =>
        [.. _items.Values.Where(c => c.Metadata.NamespaceProperty == @namespace && c.Metadata.Labels?.TryGetValue(label, out string? found) == true && found == value)];

    public Task<V1ConfigMap> CreateAsync(V1ConfigMap configMap, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configMap);
        if (_items.ContainsKey((configMap.Metadata.NamespaceProperty, configMap.Metadata.Name)))
        {
            throw ApiErrors.AlreadyExists($"configmaps \"{configMap.Metadata.Name}\"");
        }

        return Task.FromResult(Store(configMap));
    }

    public Task<V1ConfigMap> ReplaceAsync(V1ConfigMap configMap, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configMap);
        V1ConfigMap current = _items.GetValueOrDefault((configMap.Metadata.NamespaceProperty, configMap.Metadata.Name))
            ?? throw ApiErrors.NotFound($"configmaps \"{configMap.Metadata.Name}\"");
        if (configMap.Metadata.ResourceVersion is { } expected && expected != current.Metadata.ResourceVersion)
        {
            throw ApiErrors.Conflict($"configmaps \"{configMap.Metadata.Name}\"");
        }

        return Task.FromResult(Store(configMap));
    }

    public Task DeleteAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        _items.Remove((@namespace, name));
        return Task.CompletedTask;
    }

    private V1ConfigMap Store(V1ConfigMap configMap)
    {
        V1ConfigMap stored = configMap with { Metadata = configMap.Metadata with { ResourceVersion = versions.Next() } };
        _items[(stored.Metadata.NamespaceProperty, stored.Metadata.Name)] = stored;
        return stored;
    }
}
