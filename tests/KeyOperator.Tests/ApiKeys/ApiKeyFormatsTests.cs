// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using KeyOperator.Operator.Keys;
using KeyOperator.Tests.Infrastructure;
using static KeyOperator.Tests.ApiKeys.ApiKeyTestSupport;

namespace KeyOperator.Tests.ApiKeys;

/// <summary>Every key format, applied with the real kubectl, ends in a Ready ApiKey and a Secret whose content parses.</summary>
[Trait("Cluster", "Any")]
public sealed class ApiKeyFormatsTests(PortableOperatorFixture fixture) : IClassFixture<PortableOperatorFixture>
{
    [Fact]
    public async Task Apply_Token_SecretHoldsChecksummedTokenWithRequestedEntropy()
    {
        string ns = await fixture.CreateNamespaceAsync("token");
        await ApplyAsync(fixture, ApiKeyYaml(ns, "api", "  token:\n    prefix: pay_\n    entropyBits: 192\n"));
        await WaitReadyAsync(fixture, ns, "api");

        V1Secret secret = await GetSecretAsync(fixture, ns, "api");
        string token = Encoding.ASCII.GetString(secret.Data!["token"]);
        Assert.True(TokenFormat.Verify(token, "pay_").IsValid);
        Assert.Equal("pay_".Length + TokenFormat.BodyLength(192) + 6, token.Length);
        Assert.Equal("Opaque", secret.Type);
        Assert.Equal("1", VersionOf(secret));
        Assert.Equal("key-operator", secret.Metadata.Labels!["app.kubernetes.io/managed-by"]);
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(secret.Data["token"])), secret.Metadata.Annotations!["keyoperator.io/fingerprint"]);
        V1OwnerReference owner = Assert.Single(secret.Metadata.OwnerReferences!);
        Assert.True(owner.Controller);
        Assert.Equal("ApiKey", owner.Kind);
    }

    [Fact]
    public async Task Apply_EmptySpec_MintsDefaultToken()
    {
        string ns = await fixture.CreateNamespaceAsync("default");
        await ApplyAsync(fixture, ApiKeyYaml(ns, "plain", "  {}\n"));
        await WaitReadyAsync(fixture, ns, "plain");

        V1Secret secret = await GetSecretAsync(fixture, ns, "plain");
        string token = Encoding.ASCII.GetString(secret.Data!["token"]);
        Assert.StartsWith("ko_", token, StringComparison.Ordinal);
        Assert.Equal("ko_".Length + TokenFormat.BodyLength(256) + 6, token.Length);
    }

    [Fact]
    public async Task Apply_Hmac_SecretHoldsRequestedBytes()
    {
        string ns = await fixture.CreateNamespaceAsync("hmac");
        await ApplyAsync(fixture, ApiKeyYaml(ns, "signing", "  hmac:\n    bytes: 48\n  secretName: signing-key\n"));
        await WaitReadyAsync(fixture, ns, "signing");

        V1Secret secret = await GetSecretAsync(fixture, ns, "signing-key");
        Assert.Equal(48, secret.Data!["secret"].Length);
    }

    [Theory]
    [InlineData("rsa:\n    bits: 2048", "RS256")]
    [InlineData("ecdsa:\n    curve: P-384", "ES384")]
    public async Task Apply_KeyPair_SecretHoldsMatchingPemsAndJwks(string formatYaml, string algorithm)
    {
        string ns = await fixture.CreateNamespaceAsync("pair");
        await ApplyAsync(fixture, ApiKeyYaml(ns, "signer", "  " + formatYaml + "\n"));
        await WaitReadyAsync(fixture, ns, "signer");

        V1Secret secret = await GetSecretAsync(fixture, ns, "signer");
        string privatePem = Encoding.ASCII.GetString(secret.Data!["private.pem"]);
        string publicPem = Encoding.ASCII.GetString(secret.Data["public.pem"]);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", privatePem, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", publicPem, StringComparison.Ordinal);

        using AsymmetricAlgorithm key = algorithm == "RS256" ? RSA.Create() : ECDsa.Create();
        key.ImportFromPem(privatePem);
        using AsymmetricAlgorithm pub = algorithm == "RS256" ? RSA.Create() : ECDsa.Create();
        pub.ImportFromPem(publicPem);
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), pub.ExportSubjectPublicKeyInfo());
        Assert.Equal(algorithm == "RS256" ? 2048 : 384, key.KeySize);

        JsonArray keys = JsonNode.Parse(secret.Data["jwks.json"])!["keys"]!.AsArray();
        JsonObject jwk = Assert.Single(keys)!.AsObject();
        Assert.Equal(algorithm, jwk["alg"]!.GetValue<string>());
        Assert.Equal(JsonWebKeys.Thumbprint(jwk), jwk["kid"]!.GetValue<string>());
        Assert.Null(jwk["d"]);
    }

    [Fact]
    public async Task Apply_BasicAuth_BasicAuthSecretWithPasswordOfRequestedClasses()
    {
        string ns = await fixture.CreateNamespaceAsync("basic");
        await ApplyAsync(fixture, ApiKeyYaml(ns, "scraper", "  basicAuth:\n    username: prometheus\n    passwordLength: 40\n    symbols: false\n"));
        await WaitReadyAsync(fixture, ns, "scraper");

        V1Secret secret = await GetSecretAsync(fixture, ns, "scraper");
        Assert.Equal("kubernetes.io/basic-auth", secret.Type);
        Assert.Equal("prometheus", Encoding.UTF8.GetString(secret.Data!["username"]));
        string password = Encoding.ASCII.GetString(secret.Data["password"]);
        Assert.Equal(40, password.Length);
        Assert.All(password, c => Assert.True(char.IsAsciiLetterOrDigit(c)));
        Assert.Contains(password, char.IsAsciiDigit);
        Assert.Contains(password, char.IsAsciiLetterUpper);
        Assert.Contains(password, char.IsAsciiLetterLower);
    }

    [Fact]
    public async Task ApplySamples_WaitAll_EveryApiKeyReady()
    {
        fixture.RemoveAtEnd("keyoperator-samples");
        (await fixture.Kubectl.RunAsync($"apply -f {Path.Combine(RepositoryPaths.Root, "config", "samples")}")).EnsureSuccess();
        KubectlResult wait = await fixture.Kubectl.RunAsync("wait --for=condition=Ready apikey --all -n keyoperator-samples --timeout=90s", timeout: TimeSpan.FromSeconds(120));
        wait.EnsureSuccess();
        Assert.Equal(5, wait.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.EndsWith("condition met", StringComparison.Ordinal)));
    }
}
