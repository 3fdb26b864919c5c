// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ExternalCredentials;

/// <summary>Web identity (IRSA): STS AssumeRoleWithWebIdentity with a token of the ServiceAccount (audience sts.amazonaws.com) and the provider's role.</summary>
internal sealed record AwsJwtAuthSpec
{
    /// <summary>The ServiceAccount.</summary>
    [Required]
    public ServiceAccountSelector? ServiceAccountRef { get; init; }
}
