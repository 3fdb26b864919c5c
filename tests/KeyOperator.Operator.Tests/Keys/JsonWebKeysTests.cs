// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using KeyOperator.Operator.Keys;

namespace KeyOperator.Operator.Tests.Keys;

public sealed class JsonWebKeysTests
{
    // RFC 7638 §3.1: the example RSA key and its SHA-256 thumbprint.
    private const string Rfc7638Modulus =
        "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknj" +
        "hMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQ" +
        "vRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";

    private const string Rfc7638Thumbprint = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

    [Fact]
    public void Thumbprint_Rfc7638Example_MatchesPublishedValue()
    {
        var jwk = new JsonObject { ["kty"] = "RSA", ["n"] = Rfc7638Modulus, ["e"] = "AQAB", ["alg"] = "RS256", ["kid"] = "2011-04-29" };

        Assert.Equal(Rfc7638Thumbprint, JsonWebKeys.Thumbprint(jwk));
    }

    [Fact]
    public void FromRsa_Rfc7638Example_UsesThumbprintAsKid()
    {
        var parameters = new RSAParameters
        {
            Modulus = Base64Url.DecodeFromChars(Rfc7638Modulus),
            Exponent = Base64Url.DecodeFromChars("AQAB"),
        };

        JsonObject jwk = JsonWebKeys.FromRsa(parameters);

        Assert.Equal(Rfc7638Thumbprint, (string?)jwk["kid"]);
        Assert.Equal(Rfc7638Modulus, (string?)jwk["n"]);
        Assert.Equal("AQAB", (string?)jwk["e"]);
        Assert.Equal("RS256", (string?)jwk["alg"]);
        Assert.Equal("sig", (string?)jwk["use"]);
    }

    [Theory]
    [InlineData("nistP256", "P-256", "ES256", 32)]
    [InlineData("nistP384", "P-384", "ES384", 48)]
    [InlineData("nistP521", "P-521", "ES512", 66)]
    public void FromEcdsa_Curve_WritesFullLengthCoordinatesAndAlgorithm(string curveName, string crv, string alg, int coordinateBytes)
    {
        using var ecdsa = ECDsa.Create(ECCurve.CreateFromFriendlyName(curveName));

        JsonObject jwk = JsonWebKeys.FromEcdsa(ecdsa.ExportParameters(false));

        Assert.Equal("EC", (string?)jwk["kty"]);
        Assert.Equal(crv, (string?)jwk["crv"]);
        Assert.Equal(alg, (string?)jwk["alg"]);
        Assert.Equal(coordinateBytes, Base64Url.DecodeFromChars((string)jwk["x"]!).Length);
        Assert.Equal(coordinateBytes, Base64Url.DecodeFromChars((string)jwk["y"]!).Length);
        Assert.Equal(JsonWebKeys.Thumbprint(jwk), (string?)jwk["kid"]);
    }

    [Fact]
    public void FromPublicKeyPem_RsaAndEc_MatchesJwkFromParameters()
    {
        using var rsa = RSA.Create(2048);
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.True(JsonNode.DeepEquals(JsonWebKeys.FromRsa(rsa.ExportParameters(false)), JsonWebKeys.FromPublicKeyPem(rsa.ExportSubjectPublicKeyInfoPem())));
        Assert.True(JsonNode.DeepEquals(JsonWebKeys.FromEcdsa(ecdsa.ExportParameters(false)), JsonWebKeys.FromPublicKeyPem(ecdsa.ExportSubjectPublicKeyInfoPem())));
    }

    [Fact]
    public void Thumbprint_UnknownKeyType_Throws()
    {
        Assert.Throws<ArgumentException>(() => JsonWebKeys.Thumbprint(new JsonObject { ["kty"] = "oct", ["k"] = "AA" }));
    }
}
