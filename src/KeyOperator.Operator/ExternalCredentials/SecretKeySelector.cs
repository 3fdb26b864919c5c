// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ExternalCredentials;

/// <summary>A key of a Secret in the ExternalCredential's own namespace (a namespace cannot be named: references never leave it).</summary>
internal sealed record SecretKeySelector
{
    /// <summary>Name of the Secret.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(253)]
    public string? Name { get; init; }

    /// <summary>Key within the Secret.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(253)]
    public string? Key { get; init; }
}
