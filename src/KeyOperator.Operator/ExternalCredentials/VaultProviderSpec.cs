// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ExternalCredentials;

/// <summary>A HashiCorp Vault KV mount.</summary>
internal sealed record VaultProviderSpec
{
    /// <summary>Base URL of the Vault server, such as https://vault.example:8200.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(2048)]
    public string? Server { get; init; }

    /// <summary>Vault Enterprise namespace, sent as X-Vault-Namespace.</summary>
    [MaxLength(256)]
    public string? Namespace { get; init; }

    /// <summary>The KV mount path (default secret).</summary>
    [MaxLength(256)]
    public string? Path { get; init; }

    /// <summary>KV engine version: v1 or v2 (default v2).</summary>
    [Pattern("^v[12]$")]
    public string? Version { get; init; }

    /// <summary>Base64-encoded PEM certificates trusted for the server instead of the system roots.</summary>
    public string? CaBundle { get; init; }

    /// <summary>How to authenticate.</summary>
    [Required]
    public VaultAuthSpec? Auth { get; init; }
}
