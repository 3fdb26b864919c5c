// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>A list response (<c>SecretList</c>, <c>ApiKeyList</c>, …): one page of items and the list's version.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed record KubernetesList<T>
{
    /// <summary>Group and version of the list.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>List kind, such as <c>SecretList</c>.</summary>
    public string? Kind { get; init; }

    /// <summary>Resource version and continue token.</summary>
    public ListMeta Metadata { get; init; } = new();

    /// <summary>The items of this page.</summary>
    public IReadOnlyList<T> Items { get; init; } = [];
}
