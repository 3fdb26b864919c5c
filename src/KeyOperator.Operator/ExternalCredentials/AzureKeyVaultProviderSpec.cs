// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ExternalCredentials;

/// <summary>An Azure Key Vault.</summary>
internal sealed record AzureKeyVaultProviderSpec
{
    /// <summary>URL of the vault, such as https://myvault.vault.azure.net.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(2048)]
    public string? VaultUrl { get; init; }

    /// <summary>The Entra tenant id.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(256)]
    public string? TenantId { get; init; }

    /// <summary>Entra authority (sovereign clouds, tests); default https://login.microsoftonline.com.</summary>
    [MaxLength(2048)]
    public string? AuthorityHost { get; init; }

    /// <summary>Base64-encoded PEM certificates trusted instead of the system roots.</summary>
    public string? CaBundle { get; init; }

    /// <summary>How to authenticate.</summary>
    [Required]
    public AzureAuthSpec? Auth { get; init; }
}
