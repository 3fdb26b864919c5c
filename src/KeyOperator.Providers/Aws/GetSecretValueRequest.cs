// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers.Aws;

/// <summary>The body of <c>secretsmanager.GetSecretValue</c> (botocore's <c>GetSecretValueRequest</c> shape); at most one of the version fields is set.</summary>
internal sealed record GetSecretValueRequest
{
    /// <summary>The secret's name or ARN.</summary>
    public required string SecretId { get; init; }

    /// <summary>A version id (UUID), or null.</summary>
    public string? VersionId { get; init; }

    /// <summary>A staging label such as <c>AWSPREVIOUS</c>, or null (Secrets Manager then reads <c>AWSCURRENT</c>).</summary>
    public string? VersionStage { get; init; }
}
