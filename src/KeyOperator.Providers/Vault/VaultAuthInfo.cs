// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers.Vault;

/// <summary>The <c>auth</c> block of a login or renewal: the token and its lease. A class so no ToString shows the token.</summary>
internal sealed class VaultAuthInfo
{
    /// <summary>The Vault token.</summary>
    public string? ClientToken { get; init; }

    /// <summary>The token's TTL in seconds (0: it does not expire).</summary>
    public long LeaseDuration { get; init; }

    /// <summary>Whether <c>renew-self</c> can extend it.</summary>
    public bool Renewable { get; init; }
}
