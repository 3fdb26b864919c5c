// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>apiextensions.k8s.io/v1 CustomResourceDefinitionNames.</summary>
public sealed record CustomResourceDefinitionNames
{
    /// <summary>Plural used in URLs, such as <c>apikeys</c>.</summary>
    public string? Plural { get; init; }

    /// <summary>Singular alias, such as <c>apikey</c>.</summary>
    public string? Singular { get; init; }

    /// <summary>Short aliases for kubectl, such as <c>ak</c>.</summary>
    public IReadOnlyList<string>? ShortNames { get; init; }

    /// <summary>Kind, such as <c>ApiKey</c>.</summary>
    public string? Kind { get; init; }

    /// <summary>List kind; defaults to kind + <c>List</c>.</summary>
    public string? ListKind { get; init; }

    /// <summary>Groupings such as <c>all</c>.</summary>
    public IReadOnlyList<string>? Categories { get; init; }
}
