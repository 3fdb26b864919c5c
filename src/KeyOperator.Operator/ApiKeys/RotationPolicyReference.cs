// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ApiKeys;

/// <summary>Reference to a RotationPolicy in the same namespace; policies in other namespaces cannot be referenced.</summary>
internal sealed record RotationPolicyReference
{
    /// <summary>Name of the RotationPolicy.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(253)]
    public string? Name { get; init; }
}
