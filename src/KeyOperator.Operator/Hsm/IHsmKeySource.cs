// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Hsm;

namespace KeyOperator.Operator.Hsm;

/// <summary>
/// The one HSM operation the key generator needs: HKDF-Expand with a master key that stays in the HSM. A port, so
/// the reconciler's tests run on a software HKDF of a known master while the binding's own tests use SoftHSM2.
/// </summary>
internal interface IHsmKeySource
{
    /// <summary>See <see cref="HsmRegistry.DeriveAsync"/>.</summary>
    /// <exception cref="HsmException">Not configured, unavailable, or the master key is missing.</exception>
    Task<byte[]> DeriveAsync(string hsm, string masterKeyLabel, byte[] info, int length, CancellationToken cancellationToken);
}

/// <summary>The port over the PKCS#11 registry.</summary>
internal sealed class HsmRegistryKeySource(HsmRegistry registry) : IHsmKeySource
{
    public Task<byte[]> DeriveAsync(string hsm, string masterKeyLabel, byte[] info, int length, CancellationToken cancellationToken) =>
        registry.DeriveAsync(hsm, masterKeyLabel, info, length, cancellationToken);
}
