// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers.Aws;

/// <summary>Static access keys from a Secret (optionally with a session token).</summary>
/// <param name="AccessKeyId">The access key id.</param>
/// <param name="SecretAccessKey">The secret access key.</param>
/// <param name="SessionToken">The session token, if the keys are temporary.</param>
public sealed record AwsStaticCredentials(string AccessKeyId, SensitiveString SecretAccessKey, SensitiveString? SessionToken) : AwsAuth
{
    /// <inheritdoc />
    public override string Identity => $"keys:{AccessKeyId}:{SecretAccessKey.Fingerprint}:{SessionToken?.Fingerprint}";
}
