// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers.Vault;

/// <summary>The body of a kubernetes auth login. A class so no ToString shows the JWT.</summary>
internal sealed class VaultKubernetesLoginRequest
{
    /// <summary>The Vault role.</summary>
    public required string Role { get; init; }

    /// <summary>The ServiceAccount token.</summary>
    public required string Jwt { get; init; }
}
