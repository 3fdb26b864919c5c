// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Crds;

/// <summary>
/// CRD schema: the only values an integer property accepts (<c>enum:</c>). String enums need no attribute: use a C#
/// enum with <c>JsonStringEnumMemberName</c>, the generator lists its wire names.
/// </summary>
/// <param name="values">The accepted values, in the order they should be documented.</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
internal sealed class IntegerEnumAttribute(params long[] values) : Attribute
{
    /// <summary>The accepted values.</summary>
    public IReadOnlyList<long> Values { get; } = values;
}
