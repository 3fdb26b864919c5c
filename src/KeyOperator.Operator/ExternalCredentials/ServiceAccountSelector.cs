// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ExternalCredentials;

/// <summary>A ServiceAccount in the ExternalCredential's own namespace whose short-lived token (TokenRequest) the operator logs in with.</summary>
internal sealed record ServiceAccountSelector
{
    /// <summary>Name of the ServiceAccount.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(253)]
    public string? Name { get; init; }

    /// <summary>Audiences of the requested token; the provider's default when empty (Vault: <c>vault</c>).</summary>
    [MaxItems(8)]
    public IReadOnlyList<string>? Audiences { get; init; }
}
