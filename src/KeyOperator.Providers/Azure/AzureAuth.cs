// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers.Azure;

/// <summary>How the operator authenticates to Entra ID for Key Vault: exactly one of the derived records.</summary>
public abstract record AzureAuth
{
    /// <summary>The application (client) id.</summary>
    public abstract string ClientId { get; }

    /// <summary>Identifies the identity and credentials for the shared client's key (fingerprints, never values).</summary>
    public abstract string Identity { get; }
}
