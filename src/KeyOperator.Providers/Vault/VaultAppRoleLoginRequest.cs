// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers.Vault;

/// <summary>The body of an AppRole login. A class so no ToString shows the secret id.</summary>
internal sealed class VaultAppRoleLoginRequest
{
    /// <summary>The role id.</summary>
    public required string RoleId { get; init; }

    /// <summary>The secret id.</summary>
    public required string SecretId { get; init; }
}
