// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ExternalCredentials;

/// <summary>One key of the target Secret from one remote value.</summary>
internal sealed record ExternalDataSpec
{
    /// <summary>Key in the target Secret.</summary>
    [Required]
    [Pattern("^[-._a-zA-Z0-9]+$")]
    [MaxLength(253)]
    public string? SecretKey { get; init; }

    /// <summary>Where the value comes from.</summary>
    [Required]
    public RemoteRefSpec? RemoteRef { get; init; }
}
