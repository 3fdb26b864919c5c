// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s.Models;

namespace KeyOperator.Operator.Controllers.Ports;

/// <summary>The verifier ConfigMaps.</summary>
internal interface IConfigMapStore
{
    /// <summary>Reads a ConfigMap; null when it does not exist.</summary>
    Task<V1ConfigMap?> GetAsync(string @namespace, string name, CancellationToken cancellationToken);

    /// <summary>Lists the ConfigMaps of a namespace that match a label selector.</summary>
    Task<IReadOnlyList<V1ConfigMap>> ListAsync(string @namespace, string labelSelector, CancellationToken cancellationToken);

    /// <summary>Creates a ConfigMap.</summary>
    Task<V1ConfigMap> CreateAsync(V1ConfigMap configMap, CancellationToken cancellationToken);

    /// <summary>Replaces a ConfigMap; its metadata.resourceVersion, when set, is a precondition.</summary>
    Task<V1ConfigMap> ReplaceAsync(V1ConfigMap configMap, CancellationToken cancellationToken);

    /// <summary>Deletes a ConfigMap; one that is already gone counts as deleted.</summary>
    Task DeleteAsync(string @namespace, string name, CancellationToken cancellationToken);
}
