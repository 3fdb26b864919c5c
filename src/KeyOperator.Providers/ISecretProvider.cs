// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers;

/// <summary>
/// The one thing the ExternalCredential controller asks of a store: read the value of one remote secret. Failures are
/// <see cref="ProviderException"/> with a <see cref="ProviderFailure"/> the controller maps to a condition reason; the
/// message never carries a secret value. Implementations are shared by every object that names the same store and
/// credentials (see <see cref="SecretProviderRegistry"/>), so they must be safe for concurrent use.
/// </summary>
public interface ISecretProvider
{
    /// <summary>The provider's name as metrics label it: <c>vault</c>, <c>aws</c> or <c>azure</c>.</summary>
    string Provider { get; }

    /// <summary>Reads one remote secret.</summary>
    /// <param name="reference">What to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The value and the store's version of it.</returns>
    /// <exception cref="ProviderException">The store refused, failed or confirmed the secret does not exist.</exception>
    Task<RemoteSecret> GetSecretAsync(RemoteReference reference, CancellationToken cancellationToken);
}
