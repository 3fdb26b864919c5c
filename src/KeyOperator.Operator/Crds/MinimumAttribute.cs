// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Crds;

/// <summary>CRD schema: the smallest accepted value of an integer property (<c>minimum:</c>).</summary>
/// <param name="value">The inclusive lower bound.</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
internal sealed class MinimumAttribute(long value) : Attribute
{
    /// <summary>The inclusive lower bound.</summary>
    public long Value { get; } = value;
}
