// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ExternalCredentials;

/// <summary>Many keys from one remote JSON object.</summary>
internal sealed record ExternalDataFromSpec
{
    /// <summary>Every top-level field of this JSON value becomes a key of the target Secret.</summary>
    [Required]
    public RemoteRefSpec? Extract { get; init; }
}
