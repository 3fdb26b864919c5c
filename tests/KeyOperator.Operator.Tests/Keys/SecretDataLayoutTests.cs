// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Keys;

namespace KeyOperator.Operator.Tests.Keys;

public sealed class SecretDataLayoutTests
{
    private readonly KeyGenerator _generator = new(1);

    [Fact]
    public async Task Compose_TokenWithPrevious_KeepsPreviousUnderSuffix()
    {
        using GeneratedKey first = await _generator.GenerateAsync(new ApiKeySpec(), 1, CancellationToken.None);
        using GeneratedKey second = await _generator.GenerateAsync(new ApiKeySpec(), 2, CancellationToken.None);

        Dictionary<string, byte[]> data = SecretDataLayout.Compose(second, SecretDataLayout.Compose(first, null));

        Assert.Equal(["token", "token.previous"], data.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(second.Data["token"], data["token"]);
        Assert.Equal(first.Data["token"], data["token.previous"]);
    }

    [Fact]
    public async Task Compose_KeyPairWithPrevious_JwksListsBothCurrentFirst()
    {
        var spec = new ApiKeySpec { Ecdsa = new EcdsaSpec() };
        using GeneratedKey first = await _generator.GenerateAsync(spec, 1, CancellationToken.None);
        using GeneratedKey second = await _generator.GenerateAsync(spec, 2, CancellationToken.None);
        using GeneratedKey third = await _generator.GenerateAsync(spec, 3, CancellationToken.None);

        Dictionary<string, byte[]> afterSecond = SecretDataLayout.Compose(second, SecretDataLayout.Compose(first, null));
        Dictionary<string, byte[]> afterThird = SecretDataLayout.Compose(third, afterSecond);

        IReadOnlyList<JsonObject> jwks = JwkSet.Parse(afterThird[ApiKeyConstants.DataKeys.Jwks]);
        Assert.Equal([(string?)third.PublicJwk!["kid"], (string?)second.PublicJwk!["kid"]], jwks.Select(k => (string?)k["kid"]));
        Assert.Equal(second.Data["private.pem"], afterThird["private.pem.previous"]);
        Assert.DoesNotContain("jwks.json.previous", afterThird.Keys);
    }

    [Fact]
    public async Task WithoutPrevious_AfterRotation_DropsPreviousAndItsPublicKey()
    {
        var spec = new ApiKeySpec { Rsa = new RsaSpec { Bits = 2048 } };
        using GeneratedKey first = await _generator.GenerateAsync(spec, 1, CancellationToken.None);
        using GeneratedKey second = await _generator.GenerateAsync(spec, 2, CancellationToken.None);

        Dictionary<string, byte[]> data = SecretDataLayout.WithoutPrevious(SecretDataLayout.Compose(second, SecretDataLayout.Compose(first, null)));

        Assert.Equal(["jwks.json", "private.pem", "public.pem"], data.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((string?)second.PublicJwk!["kid"], (string?)Assert.Single(JwkSet.Parse(data["jwks.json"]))["kid"]);
    }
}
