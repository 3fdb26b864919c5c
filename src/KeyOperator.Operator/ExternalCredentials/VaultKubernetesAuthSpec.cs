// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ExternalCredentials;

/// <summary>Kubernetes auth: the operator logs in with a token of the named ServiceAccount.</summary>
internal sealed record VaultKubernetesAuthSpec
{
    /// <summary>Mount path of the kubernetes auth method (default kubernetes).</summary>
    [MaxLength(256)]
    public string? MountPath { get; init; }

    /// <summary>The Vault role.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(256)]
    public string? Role { get; init; }

    /// <summary>The ServiceAccount whose token is sent.</summary>
    [Required]
    public ServiceAccountSelector? ServiceAccountRef { get; init; }
}
