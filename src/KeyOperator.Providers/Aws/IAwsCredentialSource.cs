// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Amazon.Runtime;

namespace KeyOperator.Providers.Aws;

/// <summary>Where a shared client's signing credentials come from: fixed keys, or temporary ones from STS, cached and refreshed.</summary>
internal interface IAwsCredentialSource : IDisposable
{
    /// <summary>What the credentials are, for messages: <c>access key AKIA…</c>, <c>role arn:aws:iam::…</c>.</summary>
    string Describe { get; }

    /// <summary>The credentials to sign with now.</summary>
    /// <param name="cancellationToken">Cancels the wait and any STS call.</param>
    /// <returns>The credentials.</returns>
    /// <exception cref="ProviderException">STS refused or failed.</exception>
    Task<ImmutableCredentials> GetAsync(CancellationToken cancellationToken);

    /// <summary>Secrets Manager said these credentials expired or are unknown: the next <see cref="GetAsync"/> gets new ones, if it can.</summary>
    /// <param name="credentials">The refused credentials.</param>
    void Expired(ImmutableCredentials credentials);
}
