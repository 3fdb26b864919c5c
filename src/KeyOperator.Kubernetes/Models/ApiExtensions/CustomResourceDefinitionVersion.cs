// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;

namespace KeyOperator.Kubernetes.Models;

/// <summary>apiextensions.k8s.io/v1 CustomResourceDefinitionVersion.</summary>
public sealed record CustomResourceDefinitionVersion
{
    /// <summary>Version name, such as <c>v1alpha1</c>.</summary>
    public string? Name { get; init; }

    /// <summary>Whether the version is served over REST.</summary>
    public bool Served { get; init; }

    /// <summary>Whether objects are persisted in this version (exactly one version).</summary>
    public bool Storage { get; init; }

    /// <summary>Whether the version is deprecated.</summary>
    public bool? Deprecated { get; init; }

    /// <summary>Warning returned to clients of a deprecated version.</summary>
    public string? DeprecationWarning { get; init; }

    /// <summary>Validation schema; the OpenAPI v3 document is kept as raw JSON.</summary>
    public CustomResourceValidation? Schema { get; init; }

    /// <summary>Status and scale subresources.</summary>
    public CustomResourceSubresources? Subresources { get; init; }

    /// <summary>Extra columns for <c>kubectl get</c>.</summary>
    public IReadOnlyList<CustomResourceColumnDefinition>? AdditionalPrinterColumns { get; init; }

    /// <summary>Fields usable in field selectors, each as <c>{"jsonPath": …}</c>.</summary>
    public IReadOnlyList<JsonObject>? SelectableFields { get; init; }
}
