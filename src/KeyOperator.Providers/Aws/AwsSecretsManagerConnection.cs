// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers.Aws;

/// <summary>A resolved AWS Secrets Manager connection.</summary>
/// <param name="Region">The region, such as <c>eu-west-1</c>.</param>
/// <param name="Endpoint">An endpoint override (VPC endpoint, test server), or null for the regional endpoint.</param>
/// <param name="RoleArn">A role to assume first (required with web identity), or null.</param>
/// <param name="Auth">Where the credentials come from.</param>
public sealed record AwsSecretsManagerConnection(string Region, Uri? Endpoint, string? RoleArn, AwsAuth Auth) : ProviderConnection
{
    /// <summary>An STS endpoint override (tests, private endpoints), or null for the regional STS endpoint.</summary>
    public Uri? StsEndpoint { get; init; }

    /// <inheritdoc />
    public override string Provider => "aws";

    /// <inheritdoc />
    public override string StoreKey => $"aws|{Region}|{Endpoint}";

    /// <inheritdoc />
    public override string ClientKey => $"{StoreKey}|{StsEndpoint}|{RoleArn}|{CaFingerprint}|{AllowInsecureEndpoint}|{Auth.Identity}";

    private string CaFingerprint => CaBundlePem is null ? "-" : new SensitiveString(CaBundlePem).Fingerprint;
}
