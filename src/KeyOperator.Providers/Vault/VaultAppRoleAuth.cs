// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers.Vault;

/// <summary>AppRole login: <c>POST /v1/auth/&lt;Path&gt;/login</c> with the role id and secret id.</summary>
/// <param name="Path">The auth mount path (default <c>approle</c>).</param>
/// <param name="RoleId">The role id (not a secret by itself).</param>
/// <param name="SecretId">The secret id.</param>
public sealed record VaultAppRoleAuth(string Path, string RoleId, SensitiveString SecretId) : VaultAuth
{
    /// <inheritdoc />
    public override string Identity => $"approle:{Path}:{RoleId}:{SecretId.Fingerprint}";
}
