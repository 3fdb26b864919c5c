// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Queue;

/// <summary>The work item of a controller: an object's namespace (null for cluster-scoped kinds) and name.</summary>
/// <param name="Namespace">The namespace, or null for cluster-scoped objects.</param>
/// <param name="Name">The object name.</param>
public sealed record QueueKey(string? Namespace, string Name)
{
    /// <summary>Formats as client-go's MetaNamespaceKeyFunc does: "namespace/name", or "name" when cluster-scoped.</summary>
    public override string ToString() => string.IsNullOrEmpty(Namespace) ? Name : $"{Namespace}/{Name}";
}
