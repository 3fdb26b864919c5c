// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers.Vault;

/// <summary>How the operator authenticates to Vault: exactly one of the derived records.</summary>
public abstract record VaultAuth
{
    /// <summary>Identifies the identity and credentials for the shared client's key (fingerprints, never values).</summary>
    public abstract string Identity { get; }
}
