// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Crds;

/// <summary>CRD schema: the most items a list property may hold (<c>maxItems:</c>).</summary>
/// <param name="count">The inclusive upper bound.</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
internal sealed class MaxItemsAttribute(int count) : Attribute
{
    /// <summary>The inclusive upper bound.</summary>
    public int Count { get; } = count;
}
