// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>apiextensions.k8s.io/v1 CustomResourceDefinition.</summary>
public sealed record CustomResourceDefinition : IKubernetesObject
{
    /// <inheritdoc />
    public string? ApiVersion { get; init; } = "apiextensions.k8s.io/v1";

    /// <inheritdoc />
    public string? Kind { get; init; } = "CustomResourceDefinition";

    /// <inheritdoc />
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>Group, names, scope and versions of the resource.</summary>
    public CustomResourceDefinitionSpec? Spec { get; init; }

    /// <summary>Whether the names were accepted and the definition is established.</summary>
    public CustomResourceDefinitionStatus? Status { get; init; }
}
