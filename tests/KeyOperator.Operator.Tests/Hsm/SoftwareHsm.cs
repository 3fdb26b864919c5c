// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography;
using KeyOperator.Hsm;
using KeyOperator.Operator.Hsm;

namespace KeyOperator.Operator.Tests.Hsm;

/// <summary>
/// The HSM port in software: HKDF-Expand of known masters, the reference the SoftHSM2 tests compare the real
/// binding with (tests/KeyOperator.Hsm.Tests). Can be switched off, and counts derivations.
/// </summary>
internal sealed class SoftwareHsm : IHsmKeySource
{
    public Dictionary<(string Hsm, string Label), byte[]> Masters { get; } = [];

    public bool Down { get; set; }

    public int Derivations { get; private set; }

    public byte[] AddMaster(string hsm, string label)
    {
        byte[] master = RandomNumberGenerator.GetBytes(32);
        Masters[(hsm, label)] = master;
        return master;
    }

    public Task<byte[]> DeriveAsync(string hsm, string masterKeyLabel, byte[] info, int length, CancellationToken cancellationToken)
    {
        if (Down)
        {
            throw new HsmException(HsmFailure.Unavailable, "CKR_DEVICE_REMOVED", $"HSM \"{hsm}\": derive failed with CKR_DEVICE_REMOVED (C_Sign)");
        }

        if (!Masters.TryGetValue((hsm, masterKeyLabel), out byte[]? master))
        {
            throw new HsmException(HsmFailure.KeyMissing, null, $"HSM \"{hsm}\": token \"t\" has no secret key labelled \"{masterKeyLabel}\"");
        }

        Derivations++;
        return Task.FromResult(HKDF.Expand(HashAlgorithmName.SHA256, master, length, info));
    }

    /// <summary>Key pairs by (HSM, label), as a token would hold them; software keys, for the reconciler's logic only.</summary>
    public Dictionary<(string Hsm, string Label), HsmKeyPair> Pairs { get; } = [];

    public int Generated { get; private set; }

    public Task<HsmKeyPair> EnsureKeyPairAsync(string hsm, string label, HsmKeyPairType type, CancellationToken cancellationToken)
    {
        ThrowIfDown(hsm);
        if (!Pairs.TryGetValue((hsm, label), out HsmKeyPair? pair))
        {
            byte[] spki;
            if (type is HsmKeyPairType.EcP256 or HsmKeyPairType.EcP384)
            {
                using ECDsa key = ECDsa.Create(type == HsmKeyPairType.EcP256 ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384);
                spki = key.ExportSubjectPublicKeyInfo();
            }
            else
            {
                using RSA key = RSA.Create(type switch { HsmKeyPairType.Rsa2048 => 2048, HsmKeyPairType.Rsa3072 => 3072, _ => 4096 });
                spki = key.ExportSubjectPublicKeyInfo();
            }

            byte[] id = RandomNumberGenerator.GetBytes(16);
            pair = new HsmKeyPair(label, id, type, spki, Pkcs11Uri.ForPrivateKey("t", label, id));
            Pairs[(hsm, label)] = pair;
            Generated++;
        }

        return Task.FromResult(pair);
    }

    public Task<int> DestroyKeyPairAsync(string hsm, string label, CancellationToken cancellationToken)
    {
        ThrowIfDown(hsm);
        return Task.FromResult(Pairs.Remove((hsm, label)) ? 2 : 0);
    }

    public Task<IReadOnlyList<string>> ListKeyPairLabelsAsync(string hsm, string prefix, CancellationToken cancellationToken)
    {
        ThrowIfDown(hsm);
        return Task.FromResult<IReadOnlyList<string>>([.. Pairs.Keys.Where(k => k.Hsm == hsm && k.Label.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k.Label).Order(StringComparer.Ordinal)]);
    }

    private void ThrowIfDown(string hsm)
    {
        if (Down)
        {
            throw new HsmException(HsmFailure.Unavailable, "CKR_DEVICE_REMOVED", $"HSM \"{hsm}\": key pair operation failed with CKR_DEVICE_REMOVED");
        }
    }
}
