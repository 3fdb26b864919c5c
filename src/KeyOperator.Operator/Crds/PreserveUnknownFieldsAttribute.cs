// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Crds;

/// <summary>
/// CRD schema: the object is stored as given, without pruning (<c>x-kubernetes-preserve-unknown-fields: true</c>).
/// Use only for data the operator treats as opaque.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
internal sealed class PreserveUnknownFieldsAttribute : Attribute
{
}
