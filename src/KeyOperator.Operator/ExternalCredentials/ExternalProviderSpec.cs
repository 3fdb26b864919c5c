// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ExternalCredentials;

/// <summary>The store to read from: exactly one block.</summary>
[MutuallyExclusive("vault", "awsSecretsManager", "azureKeyVault", AllowNone = false)]
internal sealed record ExternalProviderSpec
{
    /// <summary>HashiCorp Vault KV.</summary>
    public VaultProviderSpec? Vault { get; init; }

    /// <summary>AWS Secrets Manager.</summary>
    public AwsSecretsManagerProviderSpec? AwsSecretsManager { get; init; }

    /// <summary>Azure Key Vault.</summary>
    public AzureKeyVaultProviderSpec? AzureKeyVault { get; init; }
}
