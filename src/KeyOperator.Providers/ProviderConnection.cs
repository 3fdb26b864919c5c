// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers;

/// <summary>
/// A fully resolved store connection: endpoint, trust, identity and credentials, built by the operator from an
/// ExternalCredential's provider block and the Secrets it names. Connections with equal <see cref="ClientKey"/> share
/// one authenticated client (one login, one token); connections with equal <see cref="StoreKey"/> share one request
/// budget. Credentials are <see cref="SensitiveString"/>, so the generated <c>ToString</c> of a derived record shows none.
/// </summary>
public abstract record ProviderConnection
{
    /// <summary>The provider's metrics label: <c>vault</c>, <c>aws</c> or <c>azure</c>.</summary>
    public abstract string Provider { get; }

    /// <summary>Identifies the store (endpoint, and the Vault namespace or AWS region): one rate limiter each.</summary>
    public abstract string StoreKey { get; }

    /// <summary>Identifies store, identity and credentials (by fingerprint): one authenticated client each.</summary>
    public abstract string ClientKey { get; }

    /// <summary>PEM certificates trusted for the store's TLS instead of the system roots, if set.</summary>
    public string? CaBundlePem { get; init; }

    /// <summary>Whether plain <c>http://</c> endpoints are allowed (the admission policy's <c>allowInsecureProviderEndpoints</c>).</summary>
    public bool AllowInsecureEndpoint { get; init; }
}
