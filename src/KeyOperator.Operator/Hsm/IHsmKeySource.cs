// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Hsm;

namespace KeyOperator.Operator.Hsm;

/// <summary>
/// The HSM operations the key generator needs: HKDF-Expand with a master key that stays in the HSM, and key pairs
/// whose private half stays in it. A port, so the reconciler's tests run on software stand-ins while the binding's own
/// tests use SoftHSM2.
/// </summary>
internal interface IHsmKeySource
{
    /// <summary>See <see cref="HsmRegistry.DeriveAsync"/>.</summary>
    /// <exception cref="HsmException">Not configured, unavailable, or the master key is missing.</exception>
    Task<byte[]> DeriveAsync(string hsm, string masterKeyLabel, byte[] info, int length, CancellationToken cancellationToken);

    /// <summary>See <see cref="HsmRegistry.EnsureKeyPairAsync"/>.</summary>
    Task<HsmKeyPair> EnsureKeyPairAsync(string hsm, string label, HsmKeyPairType type, CancellationToken cancellationToken);

    /// <summary>See <see cref="HsmRegistry.DestroyKeyPairAsync"/>.</summary>
    Task<int> DestroyKeyPairAsync(string hsm, string label, CancellationToken cancellationToken);

    /// <summary>See <see cref="HsmRegistry.ListKeyPairLabelsAsync"/>.</summary>
    Task<IReadOnlyList<string>> ListKeyPairLabelsAsync(string hsm, string prefix, CancellationToken cancellationToken);
}
