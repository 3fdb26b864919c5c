// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers.Vault;

/// <summary>The token the client uses now and when to look at it again. The token is a <see cref="SensitiveString"/>, so ToString shows none.</summary>
/// <param name="Token">The token.</param>
/// <param name="ExpiresAt">When it expires, or null when it does not.</param>
/// <param name="RefreshAt">When to renew it, log in again or, for a token that cannot be renewed, fail.</param>
/// <param name="Renewable">Whether <c>renew-self</c> can extend it.</param>
/// <param name="Suspect">Vault refused a read with it (403): check it (lookup-self) before the next use.</param>
internal sealed record VaultLease(SensitiveString Token, DateTimeOffset? ExpiresAt, DateTimeOffset RefreshAt, bool Renewable, bool Suspect = false);
