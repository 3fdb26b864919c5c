// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Crds;

/// <summary>CRD schema: the shortest accepted string (<c>minLength:</c>).</summary>
/// <param name="length">The inclusive lower bound, in characters.</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
internal sealed class MinLengthAttribute(int length) : Attribute
{
    /// <summary>The inclusive lower bound, in characters.</summary>
    public int Length { get; } = length;
}
