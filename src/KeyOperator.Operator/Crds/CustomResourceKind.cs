// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s.Models;

namespace KeyOperator.Operator.Crds;

/// <summary>
/// Everything the CRD generator needs about one of our kinds besides its C# type: names, scope and columns.
/// The schema and its descriptions come from <see cref="RootType"/> and its XML documentation.
/// </summary>
internal sealed record CustomResourceKind
{
    /// <summary>API group, such as <c>keyoperator.io</c>.</summary>
    public required string Group { get; init; }

    /// <summary>Version, such as <c>v1alpha1</c>. One version per kind for now: it is served and stored.</summary>
    public required string Version { get; init; }

    /// <summary>Kind, such as <c>ApiKey</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Plural resource name, such as <c>apikeys</c>.</summary>
    public required string Plural { get; init; }

    /// <summary>Singular resource name, such as <c>apikey</c>.</summary>
    public required string Singular { get; init; }

    /// <summary>True for namespaced kinds.</summary>
    public bool Namespaced { get; init; } = true;

    /// <summary>kubectl short names.</summary>
    public IReadOnlyList<string> ShortNames { get; init; } = [];

    /// <summary>Categories, such as <c>keyoperator</c> and <c>all</c>.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>The C# type of the whole object; must be registered in the operator's JsonSerializerContext.</summary>
    public required Type RootType { get; init; }

    /// <summary>True when the kind has a <c>/status</c> subresource.</summary>
    public bool HasStatusSubresource { get; init; } = true;

    /// <summary>Columns of <c>kubectl get</c>. Declaring any replaces the default Age column, so include it.</summary>
    public IReadOnlyList<V1CustomResourceColumnDefinition> PrinterColumns { get; init; } = [];

    /// <summary>CRD name: plural.group.</summary>
    public string CrdName => Plural + "." + Group;

    /// <summary>File name of the generated manifest, as controller-gen names them: group_plural.yaml.</summary>
    public string FileName => Group + "_" + Plural + ".yaml";
}
