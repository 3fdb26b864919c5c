// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Amazon.Runtime;

namespace KeyOperator.Providers.Aws;

/// <summary>Access keys from a Secret, used as they are (the SDK's basic or session credentials).</summary>
internal sealed class StaticCredentialSource : IAwsCredentialSource
{
    private readonly ImmutableCredentials _credentials;

    public StaticCredentialSource(AwsStaticCredentials keys)
    {
        Credentials = keys.SessionToken is { } token
            ? new SessionAWSCredentials(keys.AccessKeyId, keys.SecretAccessKey.Reveal(), token.Reveal())
            : new BasicAWSCredentials(keys.AccessKeyId, keys.SecretAccessKey.Reveal());
        _credentials = Credentials.GetCredentials();
        Describe = $"access key {keys.AccessKeyId}";
    }

    /// <summary>The SDK credentials, for an STS client that assumes a role with them.</summary>
    public AWSCredentials Credentials { get; }

    public string Describe { get; }

    public Task<ImmutableCredentials> GetAsync(CancellationToken cancellationToken) => Task.FromResult(_credentials);

    public void Expired(ImmutableCredentials credentials)
    {
        // Nothing to refresh: a new value in the Secret makes a new connection (and client) at once.
    }

    public void Dispose()
    {
    }
}
