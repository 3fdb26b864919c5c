// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Keys;

namespace KeyOperator.Operator.Tests.Keys;

public sealed class KeyGeneratorTests : IDisposable
{
    private readonly KeyGenerator _generator = new();

    public void Dispose() => _generator.Dispose();

    [Fact]
    public async Task GenerateAsync_EmptySpec_MintsDefaultToken()
    {
        using GeneratedKey key = await _generator.GenerateAsync(new ApiKeySpec(), 1, CancellationToken.None);

        string token = Encoding.ASCII.GetString(key.Data[ApiKeyConstants.DataKeys.Token]);
        Assert.Equal(ApiKeyFormat.Token, key.Format);
        Assert.Equal(1, key.Version);
        Assert.Equal(ApiKeyConstants.SecretTypes.Opaque, key.SecretType);
        Assert.Equal(3 + 43 + 6, token.Length);
        Assert.True(TokenFormat.Verify(token, "ko_").IsValid);
        Assert.Equal(Sha256(key.Data[ApiKeyConstants.DataKeys.Token]), key.Fingerprint);
        Assert.Null(key.PublicJwk);
        Assert.Single(key.Data);
    }

    [Fact]
    public async Task GenerateAsync_Hmac_MintsRequestedBytes()
    {
        using GeneratedKey key = await _generator.GenerateAsync(new ApiKeySpec { Hmac = new HmacSpec { Bytes = 64 } }, 7, CancellationToken.None);

        Assert.Equal(64, key.Data[ApiKeyConstants.DataKeys.Secret].Length);
        Assert.Equal(Sha256(key.Data[ApiKeyConstants.DataKeys.Secret]), key.Fingerprint);
        Assert.Equal(7, key.Version);
    }

    [Fact]
    public async Task GenerateAsync_BasicAuth_MintsBasicAuthSecret()
    {
        var spec = new ApiKeySpec { BasicAuth = new BasicAuthSpec { Username = "svc", PasswordLength = 20, Symbols = true } };

        using GeneratedKey key = await _generator.GenerateAsync(spec, 1, CancellationToken.None);

        Assert.Equal(ApiKeyConstants.SecretTypes.BasicAuth, key.SecretType);
        Assert.Equal("svc", Encoding.UTF8.GetString(key.Data[ApiKeyConstants.DataKeys.Username]));
        string password = Encoding.ASCII.GetString(key.Data[ApiKeyConstants.DataKeys.Password]);
        Assert.Equal(20, password.Length);
        Assert.True(password.AsSpan().IndexOfAny(PasswordGenerator.Symbols) >= 0);
    }

    [Theory]
    [InlineData(2048)]
    [InlineData(3072)]
    public async Task GenerateAsync_Rsa_PemsAndJwksDescribeOneKeyPair(int bits)
    {
        using GeneratedKey key = await _generator.GenerateAsync(new ApiKeySpec { Rsa = new RsaSpec { Bits = bits } }, 1, CancellationToken.None);

        using var privateKey = RSA.Create();
        privateKey.ImportFromPem(Encoding.ASCII.GetString(key.Data[ApiKeyConstants.DataKeys.PrivatePem]));
        using var publicKey = RSA.Create();
        publicKey.ImportFromPem(Encoding.ASCII.GetString(key.Data[ApiKeyConstants.DataKeys.PublicPem]));
        Assert.Equal(bits, privateKey.KeySize);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----\n", Encoding.ASCII.GetString(key.Data[ApiKeyConstants.DataKeys.PrivatePem]), StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----\n", Encoding.ASCII.GetString(key.Data[ApiKeyConstants.DataKeys.PublicPem]), StringComparison.Ordinal);

        JsonObject jwk = Assert.Single(JwkSet.Parse(key.Data[ApiKeyConstants.DataKeys.Jwks]));
        using var fromJwk = RSA.Create(new RSAParameters
        {
            Modulus = Base64Url.DecodeFromChars((string)jwk["n"]!),
            Exponent = Base64Url.DecodeFromChars((string)jwk["e"]!),
        });
        byte[] data = "payload"u8.ToArray();
        byte[] signature = privateKey.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Assert.True(fromJwk.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.True(publicKey.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Equal("RS256", (string?)jwk["alg"]);
        Assert.Equal(JsonWebKeys.Thumbprint(jwk), (string?)jwk["kid"]);
        Assert.True(JsonNode.DeepEquals(jwk, key.PublicJwk));
        Assert.Equal(Sha256(publicKey.ExportSubjectPublicKeyInfo()), key.Fingerprint);
    }

    [Theory]
    [InlineData("P256", "ES256", 256)]
    [InlineData("P384", "ES384", 384)]
    [InlineData("P521", "ES512", 521)]
    public async Task GenerateAsync_Ecdsa_PemsAndJwksDescribeOneKeyPair(string curve, string alg, int keySize)
    {
        var spec = new ApiKeySpec { Ecdsa = new EcdsaSpec { Curve = Enum.Parse<EcdsaCurve>(curve) } };
        using GeneratedKey key = await _generator.GenerateAsync(spec, 1, CancellationToken.None);

        using var privateKey = ECDsa.Create();
        privateKey.ImportFromPem(Encoding.ASCII.GetString(key.Data[ApiKeyConstants.DataKeys.PrivatePem]));
        using var publicKey = ECDsa.Create();
        publicKey.ImportFromPem(Encoding.ASCII.GetString(key.Data[ApiKeyConstants.DataKeys.PublicPem]));
        Assert.Equal(keySize, privateKey.KeySize);

        JsonObject jwk = Assert.Single(JwkSet.Parse(key.Data[ApiKeyConstants.DataKeys.Jwks]));
        using var fromJwk = ECDsa.Create(new ECParameters
        {
            Curve = privateKey.ExportParameters(false).Curve,
            Q = new ECPoint { X = Base64Url.DecodeFromChars((string)jwk["x"]!), Y = Base64Url.DecodeFromChars((string)jwk["y"]!) },
        });
        byte[] data = "payload"u8.ToArray();
        byte[] signature = privateKey.SignData(data, HashAlgorithmName.SHA256);
        Assert.True(fromJwk.VerifyData(data, signature, HashAlgorithmName.SHA256));
        Assert.True(publicKey.VerifyData(data, signature, HashAlgorithmName.SHA256));
        Assert.Equal(alg, (string?)jwk["alg"]);
        Assert.Equal(Sha256(publicKey.ExportSubjectPublicKeyInfo()), key.Fingerprint);
    }

    [Fact]
    public async Task GenerateAsync_TwoFormats_ThrowsWithoutGenerating()
    {
        var spec = new ApiKeySpec { Token = new TokenSpec(), Hmac = new HmacSpec() };

        await Assert.ThrowsAsync<ArgumentException>(() => _generator.GenerateAsync(spec, 1, CancellationToken.None));
    }

    [Fact]
    public async Task GenerateAsync_CancelledWhileWaitingForSlot_Throws()
    {
        using var generator = new KeyGenerator(1);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => generator.GenerateAsync(new ApiKeySpec { Rsa = new RsaSpec { Bits = 2048 } }, 1, cts.Token));
    }

    [Fact]
    public async Task GenerateAsync_ManyKeyPairsOnOneSlot_AllComplete()
    {
        using var generator = new KeyGenerator(1);
        var spec = new ApiKeySpec { Ecdsa = new EcdsaSpec() };

        GeneratedKey[] keys = await Task.WhenAll(Enumerable.Range(1, 8).Select(v => generator.GenerateAsync(spec, v, CancellationToken.None)));

        Assert.Equal(8, keys.Select(k => k.Fingerprint).Distinct().Count());
        foreach (GeneratedKey key in keys)
        {
            key.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(AllFormats))]
    public async Task ToString_AnyFormat_NeverContainsMaterial(string format)
    {
        using GeneratedKey key = await _generator.GenerateAsync(SpecFor(format), 1, CancellationToken.None);

        string text = key.ToString() + key.Material;
        foreach ((string name, byte[] value) in key.Data)
        {
            if (name is ApiKeyConstants.DataKeys.Username or ApiKeyConstants.DataKeys.PublicPem or ApiKeyConstants.DataKeys.Jwks)
            {
                continue;
            }

            string asText = Encoding.UTF8.GetString(value);
            Assert.DoesNotContain(asText.Length > 40 ? asText[^40..^30] : asText, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(value)[..8], text, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexString(value)[..8], text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains(key.Fingerprint, text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AllFormats))]
    public async Task Dispose_AnyFormat_ClearsEveryBuffer(string format)
    {
        GeneratedKey key = await _generator.GenerateAsync(SpecFor(format), 1, CancellationToken.None);
        byte[][] buffers = [.. key.Data.Values];

        key.Dispose();

        Assert.All(buffers, b => Assert.All(b, x => Assert.Equal(0, x)));
        Assert.Throws<ObjectDisposedException>(() => key.Data);
    }

    public static TheoryData<string> AllFormats() => ["token", "hmac", "basicAuth", "rsa", "ecdsa"];

    private static ApiKeySpec SpecFor(string format) => format switch
    {
        "token" => new ApiKeySpec { Token = new TokenSpec { Prefix = "t_" } },
        "hmac" => new ApiKeySpec { Hmac = new HmacSpec() },
        "basicAuth" => new ApiKeySpec { BasicAuth = new BasicAuthSpec { Username = "u" } },
        "rsa" => new ApiKeySpec { Rsa = new RsaSpec { Bits = 2048 } },
        _ => new ApiKeySpec { Ecdsa = new EcdsaSpec() },
    };

    private static string Sha256(byte[] data) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(data));
}
