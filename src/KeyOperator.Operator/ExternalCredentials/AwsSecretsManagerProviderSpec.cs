// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ExternalCredentials;

/// <summary>AWS Secrets Manager in one region.</summary>
internal sealed record AwsSecretsManagerProviderSpec
{
    /// <summary>The region, such as eu-west-1.</summary>
    [Required]
    [Pattern("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    public string? Region { get; init; }

    /// <summary>Endpoint override (a VPC endpoint, a test server).</summary>
    [MaxLength(2048)]
    public string? Endpoint { get; init; }

    /// <summary>STS endpoint override for AssumeRole and web identity.</summary>
    [MaxLength(2048)]
    public string? StsEndpoint { get; init; }

    /// <summary>Base64-encoded PEM certificates trusted instead of the system roots.</summary>
    public string? CaBundle { get; init; }

    /// <summary>A role to assume first (required with jwt).</summary>
    [Pattern("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$")]
    public string? Role { get; init; }

    /// <summary>Where the credentials come from.</summary>
    [Required]
    public AwsAuthSpec? Auth { get; init; }
}
