// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Crds;

/// <summary>CRD schema: the largest accepted value of an integer property (<c>maximum:</c>).</summary>
/// <param name="value">The inclusive upper bound.</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
internal sealed class MaximumAttribute(long value) : Attribute
{
    /// <summary>The inclusive upper bound.</summary>
    public long Value { get; } = value;
}
