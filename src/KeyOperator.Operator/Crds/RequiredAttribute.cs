// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Crds;

/// <summary>
/// CRD schema: the property must be present (listed in the parent's <c>required:</c>). Preferred over the C#
/// <c>required</c> modifier for custom-resource types, so that one invalid object in a watch cannot make the
/// whole list fail to deserialize; the apiserver enforces presence instead.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
internal sealed class RequiredAttribute : Attribute
{
}
