// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ExternalCredentials;

/// <summary>How the operator authenticates to Vault: exactly one method.</summary>
[MutuallyExclusive("tokenSecretRef", "appRole", "kubernetes", AllowNone = false)]
internal sealed record VaultAuthSpec
{
    /// <summary>A Secret key holding a Vault token.</summary>
    public SecretKeySelector? TokenSecretRef { get; init; }

    /// <summary>AppRole login.</summary>
    public VaultAppRoleAuthSpec? AppRole { get; init; }

    /// <summary>Kubernetes login.</summary>
    public VaultKubernetesAuthSpec? Kubernetes { get; init; }
}
