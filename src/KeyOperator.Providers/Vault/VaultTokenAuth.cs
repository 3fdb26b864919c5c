// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers.Vault;

/// <summary>A static Vault token (renewed by its TTL when renewable; a token that expires makes AuthFailed).</summary>
/// <param name="Token">The token.</param>
public sealed record VaultTokenAuth(SensitiveString Token) : VaultAuth
{
    /// <inheritdoc />
    public override string Identity => "token:" + Token.Fingerprint;
}
