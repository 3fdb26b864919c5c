// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers.Aws;

/// <summary>The members of botocore's <c>GetSecretValueResponse</c> shape this client uses.</summary>
internal sealed record GetSecretValueResponse
{
    /// <summary>The secret's ARN.</summary>
    public string? ARN { get; init; }

    /// <summary>The secret's name.</summary>
    public string? Name { get; init; }

    /// <summary>The version read.</summary>
    public string? VersionId { get; init; }

    /// <summary>The text value, when the secret has one.</summary>
    public string? SecretString { get; init; }

    /// <summary>The binary value (base64 in JSON; a blob shape), when the secret has one.</summary>
    public byte[]? SecretBinary { get; init; }

    /// <summary>The staging labels of the version read.</summary>
    public IReadOnlyList<string>? VersionStages { get; init; }
}
