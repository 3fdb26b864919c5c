// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Hsm;

namespace KeyOperator.Operator.Hsm;

/// <summary>The port over the PKCS#11 registry.</summary>
internal sealed class HsmRegistryKeySource(HsmRegistry registry) : IHsmKeySource
{
    public Task<byte[]> DeriveAsync(string hsm, string masterKeyLabel, byte[] info, int length, CancellationToken cancellationToken) =>
        registry.DeriveAsync(hsm, masterKeyLabel, info, length, cancellationToken);

    public Task<HsmKeyPair> EnsureKeyPairAsync(string hsm, string label, HsmKeyPairType type, CancellationToken cancellationToken) =>
        registry.EnsureKeyPairAsync(hsm, label, type, cancellationToken);

    public Task<int> DestroyKeyPairAsync(string hsm, string label, CancellationToken cancellationToken) =>
        registry.DestroyKeyPairAsync(hsm, label, cancellationToken);

    public Task<IReadOnlyList<string>> ListKeyPairLabelsAsync(string hsm, string prefix, CancellationToken cancellationToken) =>
        registry.ListKeyPairLabelsAsync(hsm, prefix, cancellationToken);
}
