// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using KeyOperator.Operator.ApiKeys;

namespace KeyOperator.Operator.Keys;

/// <summary>
/// Public JSON Web Keys (RFC 7517) for RSA and EC keys (RFC 7518 §6), with <c>use: sig</c>, the matching
/// <c>alg</c>, and <c>kid</c> set to the RFC 7638 thumbprint, so that verifiers can pick a key by id.
/// </summary>
internal static class JsonWebKeys
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";

    /// <summary>The public JWK of an RSA key (RS256).</summary>
    /// <param name="key">Public parameters (modulus and exponent).</param>
    /// <returns>The JWK.</returns>
    public static JsonObject FromRsa(RSAParameters key)
    {
        string n = Base64Url.EncodeToString(key.Modulus);
        string e = Base64Url.EncodeToString(key.Exponent);
        string kid = Thumbprint([("e", e), ("kty", "RSA"), ("n", n)]);
        return new JsonObject { ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = kid, ["n"] = n, ["e"] = e };
    }

    /// <summary>The public JWK of an ECDSA key on P-256, P-384 or P-521 (ES256, ES384, ES512).</summary>
    /// <param name="key">Public parameters (curve and point).</param>
    /// <returns>The JWK.</returns>
    public static JsonObject FromEcdsa(ECParameters key)
    {
        EcdsaCurve curve = CurveOf(key.Curve);
        (string crv, string alg) = curve switch
        {
            EcdsaCurve.P256 => ("P-256", "ES256"),
            EcdsaCurve.P384 => ("P-384", "ES384"),
            _ => ("P-521", "ES512"),
        };
        string x = Base64Url.EncodeToString(key.Q.X);
        string y = Base64Url.EncodeToString(key.Q.Y);
        string kid = Thumbprint([("crv", crv), ("kty", "EC"), ("x", x), ("y", y)]);
        return new JsonObject { ["kty"] = "EC", ["use"] = "sig", ["alg"] = alg, ["kid"] = kid, ["crv"] = crv, ["x"] = x, ["y"] = y };
    }

    /// <summary>
    /// The public JWK of a PEM SubjectPublicKeyInfo (the content of a <c>public.pem</c>), so that a JWKS can be rebuilt
    /// from the public keys still valid.
    /// </summary>
    /// <param name="publicKeyPem">A "PUBLIC KEY" PEM block with an RSA or EC key.</param>
    /// <returns>The JWK.</returns>
    public static JsonObject FromPublicKeyPem(string publicKeyPem)
    {
        ArgumentNullException.ThrowIfNull(publicKeyPem);
        PemFields fields = PemEncoding.Find(publicKeyPem);
        byte[] der = Convert.FromBase64String(publicKeyPem[fields.Base64Data]);
        PublicKey publicKey = PublicKey.CreateFromSubjectPublicKeyInfo(der, out _);
        switch (publicKey.Oid.Value)
        {
            case RsaOid:
                using (RSA rsa = publicKey.GetRSAPublicKey()!)
                {
                    return FromRsa(rsa.ExportParameters(false));
                }

            case EcOid:
                using (ECDsa ecdsa = publicKey.GetECDsaPublicKey()!)
                {
                    return FromEcdsa(ecdsa.ExportParameters(false));
                }

            default:
                throw new CryptographicException("Only RSA and EC public keys can be published as JWKs.");
        }
    }

    /// <summary>
    /// RFC 7638 thumbprint: SHA-256 over the JSON object of the key type's required members, in lexicographic order,
    /// without whitespace, base64url without padding.
    /// </summary>
    /// <param name="jwk">A public RSA or EC JWK.</param>
    /// <returns>The thumbprint.</returns>
    public static string Thumbprint(JsonObject jwk)
    {
        ArgumentNullException.ThrowIfNull(jwk);
        string kty = Member(jwk, "kty");
        return kty switch
        {
            "RSA" => Thumbprint([("e", Member(jwk, "e")), ("kty", kty), ("n", Member(jwk, "n"))]),
            "EC" => Thumbprint([("crv", Member(jwk, "crv")), ("kty", kty), ("x", Member(jwk, "x")), ("y", Member(jwk, "y"))]),
            _ => throw new ArgumentException("Only RSA and EC keys have thumbprints here.", nameof(jwk)),
        };
    }

    private static string Thumbprint(ReadOnlySpan<(string Name, string Value)> orderedMembers)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach ((string name, string value) in orderedMembers)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        return Base64Url.EncodeToString(SHA256.HashData(buffer.WrittenSpan));
    }

    private static string Member(JsonObject jwk, string name) =>
        jwk[name]?.GetValue<string>() ?? throw new ArgumentException("The JWK lacks the member " + name + ".", nameof(jwk));

    private static EcdsaCurve CurveOf(ECCurve curve) => curve.Oid.Value switch
    {
        "1.2.840.10045.3.1.7" => EcdsaCurve.P256,
        "1.3.132.0.34" => EcdsaCurve.P384,
        "1.3.132.0.35" => EcdsaCurve.P521,
        _ => throw new CryptographicException("Only the NIST curves P-256, P-384 and P-521 are supported."),
    };
}
