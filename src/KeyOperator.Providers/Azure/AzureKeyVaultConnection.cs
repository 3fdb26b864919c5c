// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers.Azure;

/// <summary>A resolved Azure Key Vault connection.</summary>
/// <param name="VaultUrl">The vault's URL, such as <c>https://myvault.vault.azure.net</c>.</param>
/// <param name="TenantId">The Entra tenant.</param>
/// <param name="AuthorityHost">The Entra authority (sovereign clouds, tests), or null for <c>https://login.microsoftonline.com</c>.</param>
/// <param name="Auth">How to authenticate.</param>
public sealed record AzureKeyVaultConnection(Uri VaultUrl, string TenantId, Uri? AuthorityHost, AzureAuth Auth) : ProviderConnection
{
    /// <inheritdoc />
    public override string Provider => "azure";

    /// <inheritdoc />
    public override string StoreKey => $"azure|{VaultUrl}";

    /// <inheritdoc />
    public override string ClientKey => $"{StoreKey}|{TenantId}|{AuthorityHost}|{CaFingerprint}|{AllowInsecureEndpoint}|{Auth.Identity}";

    private string CaFingerprint => CaBundlePem is null ? "-" : new SensitiveString(CaBundlePem).Fingerprint;
}
