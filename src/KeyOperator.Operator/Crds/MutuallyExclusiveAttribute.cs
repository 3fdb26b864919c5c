// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Crds;

/// <summary>
/// CRD schema: at most one of the named properties may be set (exactly one when <see cref="AllowNone"/> is false).
/// Emitted as a <c>oneOf</c> whose branches only use <c>required</c> and <c>not</c>, which a structural schema allows
/// and which needs no CEL (the local control plane does not run CEL): one branch per property, plus one branch for
/// "none of them" when that is allowed.
/// </summary>
/// <param name="properties">JSON names of the exclusive properties.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class MutuallyExclusiveAttribute(params string[] properties) : Attribute
{
    /// <summary>JSON names of the exclusive properties.</summary>
    public IReadOnlyList<string> Properties { get; } = properties;

    /// <summary>When true (the default) setting none of the properties is valid too.</summary>
    public bool AllowNone { get; set; } = true;
}
