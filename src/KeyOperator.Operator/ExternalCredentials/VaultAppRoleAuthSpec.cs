// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ExternalCredentials;

/// <summary>AppRole login.</summary>
internal sealed record VaultAppRoleAuthSpec
{
    /// <summary>Mount path of the AppRole auth method (default approle).</summary>
    [MaxLength(256)]
    public string? Path { get; init; }

    /// <summary>The role id.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(256)]
    public string? RoleId { get; init; }

    /// <summary>The Secret key holding the secret id.</summary>
    [Required]
    public SecretKeySelector? SecretRef { get; init; }
}
