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
}
