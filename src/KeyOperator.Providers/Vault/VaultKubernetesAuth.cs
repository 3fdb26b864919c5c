// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers.Vault;

/// <summary>Kubernetes login: <c>POST /v1/auth/&lt;MountPath&gt;/login</c> with a ServiceAccount token and a role.</summary>
/// <param name="MountPath">The auth mount path (default <c>kubernetes</c>).</param>
/// <param name="Role">The Vault role.</param>
/// <param name="Tokens">Issues the ServiceAccount tokens (TokenRequest with the configured audiences).</param>
public sealed record VaultKubernetesAuth(string MountPath, string Role, IWorkloadTokenSource Tokens) : VaultAuth
{
    /// <inheritdoc />
    public override string Identity => $"kubernetes:{MountPath}:{Role}:{Tokens.Identity}";
}
