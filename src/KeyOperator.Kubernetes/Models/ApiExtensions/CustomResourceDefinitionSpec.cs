// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;

namespace KeyOperator.Kubernetes.Models;

/// <summary>apiextensions.k8s.io/v1 CustomResourceDefinitionSpec.</summary>
public sealed record CustomResourceDefinitionSpec
{
    /// <summary>API group, such as <c>keyoperator.io</c>.</summary>
    public string? Group { get; init; }

    /// <summary>Plural, singular, kind, short names and categories.</summary>
    public CustomResourceDefinitionNames? Names { get; init; }

    /// <summary><c>Namespaced</c> or <c>Cluster</c>.</summary>
    public string? Scope { get; init; }

    /// <summary>Served versions; exactly one has <c>storage: true</c>.</summary>
    public IReadOnlyList<CustomResourceDefinitionVersion>? Versions { get; init; }

    /// <summary>Conversion strategy and webhook, kept as raw JSON.</summary>
    public JsonObject? Conversion { get; init; }

    /// <summary>Legacy pruning switch; must be false or absent in v1.</summary>
    public bool? PreserveUnknownFields { get; init; }
}
