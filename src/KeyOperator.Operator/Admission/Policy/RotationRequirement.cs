// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Admission.Policy;

/// <summary>The <c>requireRotation</c> policy block: ApiKeys in matching namespaces must reference a RotationPolicy.</summary>
internal sealed record RotationRequirement
{
    public NamespaceSelector NamespaceSelector { get; init; } = new();
}
