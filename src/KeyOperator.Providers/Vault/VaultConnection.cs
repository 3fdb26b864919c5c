// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers.Vault;

/// <summary>A resolved Vault connection: server, Vault namespace, KV mount and version, trust and auth.</summary>
/// <param name="Server">The server's base URL, such as <c>https://vault.example:8200</c>.</param>
/// <param name="Namespace">The Vault Enterprise namespace sent as <c>X-Vault-Namespace</c>, if any.</param>
/// <param name="Mount">The KV mount path, such as <c>secret</c>.</param>
/// <param name="KvVersion">The KV engine version.</param>
/// <param name="Auth">How to authenticate.</param>
public sealed record VaultConnection(Uri Server, string? Namespace, string Mount, VaultKvVersion KvVersion, VaultAuth Auth) : ProviderConnection
{
    /// <inheritdoc />
    public override string Provider => "vault";

    /// <inheritdoc />
    public override string StoreKey => $"vault|{Server}|{Namespace}";

    /// <inheritdoc />
    public override string ClientKey => $"{StoreKey}|{Mount}|{KvVersion}|{CaFingerprint}|{AllowInsecureEndpoint}|{Auth.Identity}";

    private string CaFingerprint => CaBundlePem is null ? "-" : new SensitiveString(CaBundlePem).Fingerprint;
}
