// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Crds;

/// <summary>CRD schema: an ECMA-262 regular expression a string property must match (<c>pattern:</c>).</summary>
/// <param name="regex">The expression; anchor it with <c>^…$</c>, the apiserver does not.</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
internal sealed class PatternAttribute(string regex) : Attribute
{
    /// <summary>The expression.</summary>
    public string Regex { get; } = regex;
}
