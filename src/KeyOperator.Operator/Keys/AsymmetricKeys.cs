// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography;
using System.Text.Json.Nodes;
using KeyOperator.Operator.ApiKeys;

namespace KeyOperator.Operator.Keys;

/// <summary>
/// RSA and ECDSA key pairs as PKCS#8 <c>private.pem</c>, SubjectPublicKeyInfo <c>public.pem</c> and a one-key
/// <c>jwks.json</c>. RSA generation takes from tens of milliseconds to seconds: call it through <see cref="KeyGenerator"/>,
/// which runs it on a bounded pool.
/// </summary>
internal static class AsymmetricKeys
{
    /// <summary>A new RSA key pair.</summary>
    /// <param name="spec">RSA settings.</param>
    /// <returns>The material.</returns>
    public static KeyMaterial CreateRsa(RsaSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Bits is not (2048 or 3072 or 4096))
        {
            throw new ArgumentOutOfRangeException(nameof(spec), spec.Bits, "RSA keys must have 2048, 3072 or 4096 bits.");
        }

        using RSA rsa = RSA.Create(spec.Bits);
        return Package(ApiKeyFormat.Rsa, rsa, JsonWebKeys.FromRsa(rsa.ExportParameters(false)));
    }

    /// <summary>A new ECDSA key pair.</summary>
    /// <param name="spec">ECDSA settings.</param>
    /// <returns>The material.</returns>
    public static KeyMaterial CreateEcdsa(EcdsaSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ECCurve curve = spec.Curve switch
        {
            EcdsaCurve.P256 => ECCurve.NamedCurves.nistP256,
            EcdsaCurve.P384 => ECCurve.NamedCurves.nistP384,
            EcdsaCurve.P521 => ECCurve.NamedCurves.nistP521,
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Curve, "Unknown curve."),
        };
        using ECDsa ecdsa = ECDsa.Create(curve);
        return Package(ApiKeyFormat.Ecdsa, ecdsa, JsonWebKeys.FromEcdsa(ecdsa.ExportParameters(false)));
    }

    private static KeyMaterial Package(ApiKeyFormat format, AsymmetricAlgorithm key, JsonObject jwk)
    {
        byte[] pkcs8 = key.ExportPkcs8PrivateKey();
        byte[] spki = key.ExportSubjectPublicKeyInfo();
        try
        {
            var data = new Dictionary<string, byte[]>
            {
                [ApiKeyConstants.DataKeys.PrivatePem] = Pem("PRIVATE KEY"u8, pkcs8),
                [ApiKeyConstants.DataKeys.PublicPem] = Pem("PUBLIC KEY"u8, spki),
                [ApiKeyConstants.DataKeys.Jwks] = JwkSet.Serialize([jwk]),
            };
            return new KeyMaterial(format, data, Fingerprint.Of(spki), jwk);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private static byte[] Pem(ReadOnlySpan<byte> label, byte[] der)
    {
        // PEM files conventionally end with a newline; WriteUtf8 does not add one.
        byte[] body = PemEncoding.WriteUtf8(label, der);
        try
        {
            var pem = new byte[body.Length + 1];
            body.CopyTo(pem, 0);
            pem[^1] = (byte)'\n';
            return pem;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(body);
        }
    }
}
