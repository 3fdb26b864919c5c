// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Crds;

/// <summary>CRD schema: the longest accepted string (<c>maxLength:</c>).</summary>
/// <param name="length">The inclusive upper bound, in characters.</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
internal sealed class MaxLengthAttribute(int length) : Attribute
{
    /// <summary>The inclusive upper bound, in characters.</summary>
    public int Length { get; } = length;
}
