// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ExternalCredentials;

/// <summary>Static access keys from Secrets.</summary>
internal sealed record AwsSecretRefAuthSpec
{
    /// <summary>The access key id.</summary>
    [Required]
    public SecretKeySelector? AccessKeyIDSecretRef { get; init; }

    /// <summary>The secret access key.</summary>
    [Required]
    public SecretKeySelector? SecretAccessKeySecretRef { get; init; }

    /// <summary>The session token of temporary keys.</summary>
    public SecretKeySelector? SessionTokenSecretRef { get; init; }
}
