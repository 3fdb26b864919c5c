// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KeyOperator.ControlPlane.Tokens;

/// <summary>
/// The RSA key that signs service-account tokens (<c>--service-account-signing-key-file</c>), generated at start-up:
/// compact RS256 JWS, the key id kube-apiserver derives (<c>keyIDFromPublicKey</c>: base64url of SHA-256 of the PKIX
/// DER public key), and the JWK published at <c>/openid/v1/jwks</c>.
/// </summary>
internal sealed class ServiceAccountKey : IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);

    public ServiceAccountKey()
    {
        KeyId = Base64Url.EncodeToString(SHA256.HashData(_rsa.ExportSubjectPublicKeyInfo()));
    }

    public string KeyId { get; }

    /// <summary>The JWK as go-jose marshals it for the apiserver's JWKS.</summary>
    public JsonObject PublicJwk()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["use"] = "sig",
            ["kty"] = "RSA",
            ["kid"] = KeyId,
            ["alg"] = "RS256",
            ["n"] = Base64Url.EncodeToString(parameters.Modulus),
            ["e"] = Base64Url.EncodeToString(parameters.Exponent),
        };
    }

    /// <summary>Signs the claims as a compact JWS with the header <c>{"alg":"RS256","kid":…}</c>, as the apiserver's
    /// go-jose signer writes it.</summary>
    public string Sign(JsonObject claims)
    {
        var header = new JsonObject { ["alg"] = "RS256", ["kid"] = KeyId };
        var signingInput = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString()))
            + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = _rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>Parses a compact JWS and checks its RS256 signature with this key.</summary>
    /// <returns><see cref="JwsCheck.NotAJws"/> for anything that is not a three-part JWS with JSON header and payload,
    /// <see cref="JwsCheck.BadSignature"/> when the signature (or algorithm) does not verify, else <see cref="JwsCheck.Valid"/>.</returns>
    public JwsCheck Verify(string token, out JsonObject? claims)
    {
        claims = null;
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return JwsCheck.NotAJws;
        }

        JsonObject? header;
        try
        {
            header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0])) as JsonObject;
            claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1])) as JsonObject;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            claims = null;
            return JwsCheck.NotAJws;
        }

        if (header is null || claims is null)
        {
            claims = null;
            return JwsCheck.NotAJws;
        }

        byte[] signature;
        try
        {
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (FormatException)
        {
            return JwsCheck.BadSignature;
        }

        var valid = header["alg"]?.GetValueKind() == JsonValueKind.String && (string?)header["alg"] == "RS256"
            && _rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return valid ? JwsCheck.Valid : JwsCheck.BadSignature;
    }

    public void Dispose() => _rsa.Dispose();
}
