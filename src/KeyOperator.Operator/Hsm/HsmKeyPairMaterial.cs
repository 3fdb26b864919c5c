// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KeyOperator.Hsm;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Keys;

namespace KeyOperator.Operator.Hsm;

/// <summary>
/// The Secret data of an HSM-resident key pair: <c>public.pem</c>, <c>jwks.json</c> (the same JWK as a software pair,
/// through <see cref="JsonWebKeys.FromPublicKeyPem"/>) and <c>pkcs11-uri</c>. There is no private.pem: the private key
/// never leaves the HSM.
/// </summary>
internal static class HsmKeyPairMaterial
{
    /// <summary>The HSM key pair type an rsa or ecdsa spec asks for.</summary>
    /// <exception cref="ArgumentException">A size or curve the HSM path does not offer (RSA other than 2048/3072/4096, P-521).</exception>
    public static HsmKeyPairType TypeOf(ApiKeySpec spec, ApiKeyFormat format)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return format switch
        {
            ApiKeyFormat.Ecdsa => (spec.Ecdsa ?? new EcdsaSpec()).Curve switch
            {
                EcdsaCurve.P256 => HsmKeyPairType.EcP256,
                EcdsaCurve.P384 => HsmKeyPairType.EcP384,
                _ => throw new ArgumentException("spec.ecdsa.curve must be P-256 or P-384 with spec.source.hsm", nameof(spec)),
            },
            ApiKeyFormat.Rsa => (spec.Rsa ?? new RsaSpec()).Bits switch
            {
                2048 => HsmKeyPairType.Rsa2048,
                3072 => HsmKeyPairType.Rsa3072,
                4096 => HsmKeyPairType.Rsa4096,
                _ => throw new ArgumentException("spec.rsa.bits must be 2048, 3072 or 4096", nameof(spec)),
            },
            _ => throw new ArgumentException("only rsa and ecdsa are key pairs", nameof(format)),
        };
    }

    /// <summary>The material of <paramref name="pair"/>; its fingerprint is that of the public key, as for software pairs.</summary>
    public static KeyMaterial Build(ApiKeyFormat format, HsmKeyPair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        byte[] pem = Encoding.ASCII.GetBytes(PemEncoding.WriteString("PUBLIC KEY", pair.SubjectPublicKeyInfo) + "\n");
        JsonObject jwk = JsonWebKeys.FromPublicKeyPem(Encoding.ASCII.GetString(pem));
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [ApiKeyConstants.DataKeys.PublicPem] = pem,
            [ApiKeyConstants.DataKeys.Jwks] = JwkSet.Serialize([jwk]),
            [ApiKeyConstants.DataKeys.Pkcs11Uri] = Encoding.UTF8.GetBytes(pair.Pkcs11Uri),
        };
        return new KeyMaterial(format, data, Fingerprint.Of(pair.SubjectPublicKeyInfo), jwk);
    }
}
