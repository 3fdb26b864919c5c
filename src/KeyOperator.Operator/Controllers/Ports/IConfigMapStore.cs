// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s.Models;

namespace KeyOperator.Operator.Controllers.Ports;

/// <summary>The verifier ConfigMaps.</summary>
internal interface IConfigMapStore
{
    /// <summary>Reads a ConfigMap; null when it does not exist.</summary>
    Task<V1ConfigMap?> GetAsync(string @namespace, string name, ReadFrom from, CancellationToken cancellationToken);

    /// <summary>
    /// The ConfigMaps of a namespace that carry <paramref name="label"/> = <paramref name="value"/> and the operator's
    /// managed-by label, from the informer cache: only the operator's own ConfigMaps are ever listed.
    /// </summary>
    IReadOnlyList<V1ConfigMap> ListOwned(string @namespace, string label, string value);

    /// <summary>Creates a ConfigMap.</summary>
    Task<V1ConfigMap> CreateAsync(V1ConfigMap configMap, CancellationToken cancellationToken);

    /// <summary>Replaces a ConfigMap; its metadata.resourceVersion, when set, is a precondition.</summary>
    Task<V1ConfigMap> ReplaceAsync(V1ConfigMap configMap, CancellationToken cancellationToken);

    /// <summary>Deletes a ConfigMap; one that is already gone counts as deleted.</summary>
    Task DeleteAsync(string @namespace, string name, CancellationToken cancellationToken);
}
