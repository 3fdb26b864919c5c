// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Hsm;

/// <summary>The key pairs the operator generates inside an HSM.</summary>
public enum HsmKeyPairType
{
    /// <summary>ECDSA on NIST P-256 (secp256r1).</summary>
    EcP256,

    /// <summary>ECDSA on NIST P-384 (secp384r1).</summary>
    EcP384,

    /// <summary>RSA with a 2048-bit modulus.</summary>
    Rsa2048,

    /// <summary>RSA with a 3072-bit modulus.</summary>
    Rsa3072,

    /// <summary>RSA with a 4096-bit modulus.</summary>
    Rsa4096,
}
