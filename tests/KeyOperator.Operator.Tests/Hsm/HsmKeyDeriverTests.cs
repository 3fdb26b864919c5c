// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography;
using System.Text;
using k8s.Models;
using KeyOperator.Hsm;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Hsm;
using KeyOperator.Operator.Keys;

namespace KeyOperator.Operator.Tests.Hsm;

public sealed class HsmKeyDeriverTests
{
    private readonly SoftwareHsm _hsm = new();
    private readonly byte[] _master;

    public HsmKeyDeriverTests() => _master = _hsm.AddMaster("softhsm", "master");

    [Fact]
    public async Task DeriveAsync_Hmac_IsHkdfExpandOfTheContext()
    {
        ApiKey apiKey = ApiKeyWith(new ApiKeySpec { Hmac = new HmacSpec(48) });

        using KeyMaterial material = await new HsmKeyDeriver(_hsm).DeriveAsync(apiKey, ApiKeyFormat.Hmac, 3, CancellationToken.None);

        byte[] info = HsmDerivationContext.Encode("team", "signing", "uid-1", "hmac", 3);
        Assert.Equal(HKDF.Expand(HashAlgorithmName.SHA256, _master, 48, info), material.Data[ApiKeyConstants.DataKeys.Secret]);
    }

    [Theory]
    [InlineData(128)]
    [InlineData(256)]
    [InlineData(1024)]
    public async Task DeriveAsync_Token_WellFormedAndTheSameEveryTime(int bits)
    {
        ApiKey apiKey = ApiKeyWith(new ApiKeySpec { Token = new TokenSpec("pay_", bits) });
        var deriver = new HsmKeyDeriver(_hsm);

        using KeyMaterial first = await deriver.DeriveAsync(apiKey, ApiKeyFormat.Token, 1, CancellationToken.None);
        using KeyMaterial again = await deriver.DeriveAsync(apiKey, ApiKeyFormat.Token, 1, CancellationToken.None);
        using KeyMaterial next = await deriver.DeriveAsync(apiKey, ApiKeyFormat.Token, 2, CancellationToken.None);

        string token = Encoding.ASCII.GetString(first.Data[ApiKeyConstants.DataKeys.Token]);
        Assert.True(TokenFormat.Verify(token, "pay_").IsValid);
        Assert.Equal("pay_".Length + TokenFormat.BodyLength(bits) + TokenFormat.ChecksumLength, token.Length);
        Assert.Equal(first.Fingerprint, again.Fingerprint);
        Assert.NotEqual(first.Fingerprint, next.Fingerprint);
    }

    [Theory]
    [InlineData(12, true)]
    [InlineData(32, false)]
    [InlineData(256, true)]
    public async Task DeriveAsync_BasicAuth_PasswordHasEveryEnabledClass(int length, bool symbols)
    {
        ApiKey apiKey = ApiKeyWith(new ApiKeySpec { BasicAuth = new BasicAuthSpec(length) { Username = "svc", Symbols = symbols } });

        using KeyMaterial material = await new HsmKeyDeriver(_hsm).DeriveAsync(apiKey, ApiKeyFormat.BasicAuth, 1, CancellationToken.None);

        string password = Encoding.ASCII.GetString(material.Data[ApiKeyConstants.DataKeys.Password]);
        Assert.Equal(length, password.Length);
        Assert.Contains(password, char.IsAsciiLetterLower);
        Assert.Contains(password, char.IsAsciiLetterUpper);
        Assert.Contains(password, char.IsAsciiDigit);
        Assert.Equal(symbols, password.Any(c => PasswordGenerator.Symbols.Contains(c, StringComparison.Ordinal)));
        Assert.Equal("svc", Encoding.UTF8.GetString(material.Data[ApiKeyConstants.DataKeys.Username]));
    }

    [Fact]
    public async Task DeriveAsync_OtherUid_OtherValue()
    {
        var deriver = new HsmKeyDeriver(_hsm);
        using KeyMaterial a = await deriver.DeriveAsync(ApiKeyWith(new ApiKeySpec { Hmac = new HmacSpec() }, uid: "uid-1"), ApiKeyFormat.Hmac, 1, CancellationToken.None);
        using KeyMaterial b = await deriver.DeriveAsync(ApiKeyWith(new ApiKeySpec { Hmac = new HmacSpec() }, uid: "uid-2"), ApiKeyFormat.Hmac, 1, CancellationToken.None);

        Assert.NotEqual(a.Fingerprint, b.Fingerprint);
    }

    [Fact]
    public void FromBytes_ByteAboveRejectionLimit_IsSkipped()
    {
        // 62 symbols: bytes 248..255 would bias the first 8 symbols, so they are skipped.
        SymbolSource source = SymbolSource.FromBytes([255, 248, 0, 61, 62]);
        var chars = new char[3];

        Assert.True(source.Fill(Base62.Alphabet, chars));
        Assert.Equal(new[] { Base62.Alphabet[0], Base62.Alphabet[61], Base62.Alphabet[0] }, chars);
        Assert.False(source.Fill(Base62.Alphabet, new char[1]));
    }

    private static ApiKey ApiKeyWith(ApiKeySpec spec, string uid = "uid-1") => new(
        metadata: new V1ObjectMeta { Name = "signing", NamespaceProperty = "team", Uid = uid },
        spec: spec with { Source = new ApiKeySource { Hsm = new HsmSourceSpec { Name = "softhsm", MasterKeyLabel = "master" } } });
}
