// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.ApiKeys;

namespace KeyOperator.Operator.Keys;

/// <summary>Mints key material for an ApiKey spec, whatever its format.</summary>
internal interface IKeyGenerator
{
    /// <summary>Generates a new key version as the spec asks.</summary>
    /// <param name="spec">The ApiKey spec; an empty spec means a token with defaults.</param>
    /// <param name="version">Version number to give the key (1 for the first, +1 per rotation).</param>
    /// <param name="cancellationToken">Stops waiting for a generation slot; a generation already running completes.</param>
    /// <returns>The key; the caller disposes it after writing the Secret.</returns>
    /// <exception cref="ArgumentException">The spec sets several formats, or values outside the documented ranges.</exception>
    Task<GeneratedKey> GenerateAsync(ApiKeySpec spec, int version, CancellationToken cancellationToken);

    /// <summary>
    /// Generates a key version for an ApiKey: as <see cref="GenerateAsync(ApiKeySpec, int, CancellationToken)"/>, or,
    /// with spec.source.hsm, derived in the HSM from the ApiKey's identity and the version (the same every time).
    /// </summary>
    /// <exception cref="KeyOperator.Hsm.HsmException">The HSM failed or lacks the master key.</exception>
    Task<GeneratedKey> GenerateAsync(ApiKey apiKey, int version, CancellationToken cancellationToken);
}
