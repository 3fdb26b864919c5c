// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ExternalCredentials;

/// <summary>A service principal's client secret.</summary>
internal sealed record AzureClientSecretAuthSpec
{
    /// <summary>Application (client) id.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(256)]
    public string? ClientId { get; init; }

    /// <summary>The Secret key holding the client secret.</summary>
    [Required]
    public SecretKeySelector? SecretRef { get; init; }
}
