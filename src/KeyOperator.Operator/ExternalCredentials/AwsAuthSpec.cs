// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ExternalCredentials;

/// <summary>Where the AWS credentials come from: exactly one.</summary>
[MutuallyExclusive("secretRef", "jwt", AllowNone = false)]
internal sealed record AwsAuthSpec
{
    /// <summary>Static keys from Secrets.</summary>
    public AwsSecretRefAuthSpec? SecretRef { get; init; }

    /// <summary>Web identity.</summary>
    public AwsJwtAuthSpec? Jwt { get; init; }
}
