// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Crds;

/// <summary>
/// CRD schema: the list is a map keyed by the given item fields (<c>x-kubernetes-list-type: map</c>), so
/// server-side apply merges items by key instead of replacing the whole list. Key fields must be required.
/// </summary>
/// <param name="keys">JSON names of the key fields, such as <c>type</c>.</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
internal sealed class ListMapAttribute(params string[] keys) : Attribute
{
    /// <summary>JSON names of the key fields.</summary>
    public IReadOnlyList<string> Keys { get; } = keys;
}
