// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Emulators.Vault;

/// <summary>What a token the emulator issues (directly, or by an AppRole or kubernetes login) may do and for how long.</summary>
/// <param name="Ttl">Its TTL; zero for a token that never expires.</param>
/// <param name="Renewable">Whether renew-self extends it.</param>
/// <param name="ReadablePaths">
/// API paths it may read, as in a Vault policy: exact, or a prefix ending in <c>*</c> (<c>secret/data/app/*</c>);
/// <c>*</c> alone allows every path. lookup-self and renew-self are always allowed (Vault's default policy).
/// </param>
/// <param name="MaxTtl">The longest life renewals can give it, if limited.</param>
public sealed record VaultTokenSpec(TimeSpan Ttl, bool Renewable, IReadOnlyList<string> ReadablePaths, TimeSpan? MaxTtl = null)
{
    /// <summary>A renewable token for one hour that may read everything.</summary>
    public static VaultTokenSpec ReadAll { get; } = new(TimeSpan.FromHours(1), true, ["*"]);
}
