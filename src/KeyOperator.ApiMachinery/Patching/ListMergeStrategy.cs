// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ApiMachinery.Patching;

/// <summary>
/// How a strategic merge patch merges one list field (Go struct tags <c>patchStrategy:"merge"</c> and
/// <c>patchMergeKey</c>); lists without a strategy are replaced as a whole.
/// </summary>
public sealed record ListMergeStrategy
{
    /// <summary>Key that identifies items of a list of objects, such as <c>name</c>; null for a list of primitives (merged as a set).</summary>
    public string? MergeKey { get; init; }

    /// <summary>A list of primitives merged as a set (<c>metadata.finalizers</c>).</summary>
    public static ListMergeStrategy PrimitiveSet { get; } = new();

    /// <summary>A list of objects merged by <paramref name="mergeKey"/>.</summary>
    /// <param name="mergeKey">The identifying field.</param>
    public static ListMergeStrategy ByKey(string mergeKey) => new() { MergeKey = mergeKey };
}
