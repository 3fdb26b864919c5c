// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using KeyOperator.Hsm;
using KeyOperator.Hsm.Tests;
using KeyOperator.Operator.Admission.Policy;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers.ApiKeys;
using KeyOperator.Operator.Hsm;
using KeyOperator.Operator.Keys;
using KeyOperator.Operator.Tests.Controllers.ApiKeys;
using KeyOperator.Runtime.Conditions;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyOperator.Operator.Tests.Hsm;

/// <summary>
/// rsa and ecdsa with spec.source.hsm through the reconciler on a real SoftHSM2 token (one per run), cross-checked
/// with OpenSC's pkcs11-tool: what the Secret holds, restore, crash between generate and write, rotation, retirement
/// and deletion, and the objects left on the token after each.
/// </summary>
[Collection(SoftHsmCollection.Name)]
public sealed class ApiKeyReconcilerHsmKeyPairTests : IDisposable
{
    private const string Hsm = "softhsm";
    private readonly SoftHsm _softHsm;
    private readonly HsmRegistry _registry;
    private readonly ReconcilerHarness _harness;

    public ApiKeyReconcilerHsmKeyPairTests(SoftHsm softHsm)
    {
        _softHsm = softHsm;
        _registry = new HsmRegistry(
            [new HsmModuleConfig(Hsm, SoftHsm.ModulePath, SoftHsm.TokenLabel, 2)],
            new FixedPin(),
            new HsmMetrics(Prometheus.Metrics.NewCustomRegistry()),
            TimeProvider.System,
            NullLogger<HsmRegistry>.Instance);
        var settings = new HsmSettings
        {
            Hsms = [new HsmDefinition { Name = Hsm, Module = SoftHsm.ModulePath, TokenLabel = SoftHsm.TokenLabel, PinSecretRef = new HsmPinSecretRef("pin", "pin"), NamespaceSelector = new NamespaceSelector() }],
        };
        _harness = new ReconcilerHarness(new HsmRegistryKeySource(_registry), settings);
    }

    public static TheoryData<string> Types => ["P-256", "P-384", "rsa2048"];

    [Theory]
    [MemberData(nameof(Types))]
    public async Task ReconcileAsync_HsmKeyPair_SecretHoldsOnlyPublicKeyJwksAndUri(string type)
    {
        string name = NewName();
        _harness.AddApiKey(name, Spec(type));

        await _harness.ReconcileAsync(name);

        V1Secret secret = _harness.Secrets.Find(ReconcilerHarness.Namespace, name)!;
        Assert.Equal(["jwks.json", "pkcs11-uri", "public.pem"], secret.Data.Keys.Order(StringComparer.Ordinal));
        string uri = Encoding.UTF8.GetString(secret.Data["pkcs11-uri"]);
        Assert.StartsWith($"pkcs11:token={SoftHsm.TokenLabel};object=keyoperator%2fteam%2f{name}%2fv1;id=%", uri, StringComparison.Ordinal);
        Assert.EndsWith(";type=private", uri, StringComparison.Ordinal);
        JsonObject jwk = Assert.Single(JwkSet.Parse(secret.Data["jwks.json"]));
        Assert.Equal(JsonWebKeys.FromPublicKeyPem(Encoding.ASCII.GetString(secret.Data["public.pem"])).ToJsonString(), jwk.ToJsonString());
        ApiKey stored = _harness.ApiKeys.Get(ReconcilerHarness.Namespace, name);
        Assert.True(Conditions.IsTrue(stored.Status!.Conditions, ConditionTypes.Ready));
        Assert.Contains(ApiKeyConstants.Finalizers.HsmKeys, stored.Metadata.Finalizers!);
        Assert.Equal("hsm/softhsm", Assert.Single(stored.Status.Keys!).Source);
        Assert.Contains("sensitive, always sensitive, never extractable", PrivateKeyListing(name + "/v1"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("P-256")]
    [InlineData("rsa2048")]
    public async Task ReconcileAsync_HsmKeyPair_PublicKeyReadByPkcs11ToolMatchesPublicPem(string type)
    {
        string name = NewName();
        _harness.AddApiKey(name, Spec(type));
        await _harness.ReconcileAsync(name);
        V1Secret secret = _harness.Secrets.Find(ReconcilerHarness.Namespace, name)!;
        (_, _, byte[] id) = ParseUri(Encoding.UTF8.GetString(secret.Data["pkcs11-uri"]));
        string output = Path.Combine(_softHsm.Directory, Guid.NewGuid().ToString("N") + ".der");

        _softHsm.Run("pkcs11-tool", "--module", SoftHsm.ModulePath, "--token-label", SoftHsm.TokenLabel, "--login", "--pin", SoftHsm.Pin,
            "--read-object", "--type", "pubkey", "--id", Convert.ToHexStringLower(id), "--output-file", output);

        Assert.Equal(Encoding.ASCII.GetString(secret.Data["public.pem"]).Trim(), PemEncoding.WriteString("PUBLIC KEY", File.ReadAllBytes(output)));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public async Task ReconcileAsync_HsmKeyPair_Pkcs11ToolSignatureThroughTheUriVerifiesAgainstTheJwk(string type)
    {
        string name = NewName();
        _harness.AddApiKey(name, Spec(type));
        await _harness.ReconcileAsync(name);
        V1Secret secret = _harness.Secrets.Find(ReconcilerHarness.Namespace, name)!;
        (string token, string label, byte[] id) = ParseUri(Encoding.UTF8.GetString(secret.Data["pkcs11-uri"]));
        JsonObject jwk = Assert.Single(JwkSet.Parse(secret.Data["jwks.json"]));
        byte[] data = Encoding.UTF8.GetBytes("a JWT signing input, say");
        bool ec = type != "rsa2048";
        string input = Path.Combine(_softHsm.Directory, Guid.NewGuid().ToString("N") + ".in");

        // SoftHSM2 has no hashing ECDSA mechanism: the consumer hashes and signs the digest with CKM_ECDSA.
        File.WriteAllBytes(input, ec ? SHA256.HashData(data) : data);
        _softHsm.Run("pkcs11-tool", "--module", SoftHsm.ModulePath, "--token-label", token, "--login", "--pin", SoftHsm.Pin,
            "--sign", "--mechanism", ec ? "ECDSA" : "SHA256-RSA-PKCS", "--label", label, "--id", Convert.ToHexStringLower(id),
            "--input-file", input, "--output-file", input + ".sig");

        byte[] signature = File.ReadAllBytes(input + ".sig");
        Assert.True(VerifyWithJwk(jwk, data, signature));
    }

    [Fact]
    public async Task ReconcileAsync_SecretDeleted_RestoresTheSamePublicKeyFromTheHsm()
    {
        string name = NewName();
        _harness.AddApiKey(name, Spec("P-256"));
        await _harness.ReconcileAsync(name);
        Dictionary<string, byte[]> before = _harness.Secrets.Find(ReconcilerHarness.Namespace, name)!.Data.ToDictionary(p => p.Key, p => p.Value.ToArray());

        _harness.Secrets.Delete(ReconcilerHarness.Namespace, name);
        await _harness.ReconcileAsync(name);

        V1Secret restored = _harness.Secrets.Find(ReconcilerHarness.Namespace, name)!;
        Assert.Equal(before, restored.Data.ToDictionary(p => p.Key, p => p.Value));
        Assert.Equal("1", restored.Metadata.Annotations[ApiKeyConstants.Annotations.Version]);
        Assert.Equal([Label(name, 1)], await Pairs(name));
    }

    [Fact]
    public async Task ReconcileAsync_CrashAfterGenerateBeforeSecretAndStatusWrite_ReusesThePair()
    {
        string name = NewName();
        _harness.AddApiKey(name, Spec("P-256"));
        _harness.Secrets.BeforeNextWrite = () => throw new InvalidOperationException("process killed");

        await Assert.ThrowsAsync<InvalidOperationException>(() => _harness.ReconcileAsync(name));
        HsmKeyPair left = (await _registry.FindKeyPairAsync(Hsm, Label(name, 1), CancellationToken.None))!;
        Assert.Null(_harness.ApiKeys.Get(ReconcilerHarness.Namespace, name).Status?.CurrentVersion);

        await _harness.ReconcileAsync(name);

        V1Secret secret = _harness.Secrets.Find(ReconcilerHarness.Namespace, name)!;
        Assert.Equal(left.Pkcs11Uri, Encoding.UTF8.GetString(secret.Data["pkcs11-uri"]));
        Assert.Equal(PemEncoding.WriteString("PUBLIC KEY", left.SubjectPublicKeyInfo), Encoding.ASCII.GetString(secret.Data["public.pem"]).Trim());
        Assert.Equal([Label(name, 1)], await Pairs(name));
        Assert.Single(Objects(_softHsm.ListObjects(), "Private Key Object", Label(name, 1)));
    }

    [Fact]
    public async Task ReconcileAsync_RotationThenRetirement_KeepsPreviousInJwksThenDestroysItsPair()
    {
        string name = NewName();
        _harness.AddApiKey(name, Spec("P-256"));
        await _harness.ReconcileAsync(name);
        string first = Encoding.ASCII.GetString(_harness.Secrets.Find(ReconcilerHarness.Namespace, name)!.Data["public.pem"]);

        _harness.ApiKeys.Annotate(ReconcilerHarness.Namespace, name, ApiKeyConstants.Annotations.Rotate, "now");
        for (int pass = 0; pass < 8 && _harness.ApiKeys.Get(ReconcilerHarness.Namespace, name).Status?.CurrentVersion != 2; pass++)
        {
            await _harness.ReconcileAsync(name);
            _harness.Time.Advance(TimeSpan.FromSeconds(5));
        }

        // Overlapping: both public keys verify during the grace period, and both pairs are on the token.
        V1Secret rotated = _harness.Secrets.Find(ReconcilerHarness.Namespace, name)!;
        Assert.Equal("2", rotated.Metadata.Annotations[ApiKeyConstants.Annotations.Version]);
        Assert.Equal(first, Encoding.ASCII.GetString(rotated.Data["public.pem.previous"]));
        Assert.Equal(2, JwkSet.Parse(rotated.Data["jwks.json"]).Count);
        Assert.Equal([Label(name, 1), Label(name, 2)], await Pairs(name));

        _harness.Time.Advance(EffectiveRotationPolicyGrace + TimeSpan.FromMinutes(1));
        for (int pass = 0; pass < 8 && (await Pairs(name)).Count > 1; pass++)
        {
            await _harness.ReconcileAsync(name);
            _harness.Time.Advance(TimeSpan.FromSeconds(5));
        }

        V1Secret retired = _harness.Secrets.Find(ReconcilerHarness.Namespace, name)!;
        Assert.False(retired.Data.ContainsKey("public.pem.previous"));
        Assert.Single(JwkSet.Parse(retired.Data["jwks.json"]));
        Assert.Equal([Label(name, 2)], await Pairs(name));
        Assert.Empty(Objects(_softHsm.ListObjects(), "Private Key Object", Label(name, 1)));
        Assert.Empty(Objects(_softHsm.ListObjects(), "Public Key Object", Label(name, 1)));
        Assert.Contains(_harness.Events.Events, e => e.Reason == ApiKeyReasons.HsmKeysDestroyed && e.Note.Contains("version 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReconcileAsync_ApiKeyDeleted_DestroysEveryPairThenDropsTheFinalizer()
    {
        string name = NewName();
        _harness.AddApiKey(name, Spec("rsa2048"));
        await _harness.ReconcileAsync(name);
        Assert.Equal([Label(name, 1)], await Pairs(name));

        _harness.ApiKeys.Delete(ReconcilerHarness.Namespace, name, _harness.Time.GetUtcNow());
        Assert.True(_harness.ApiKeys.Contains(ReconcilerHarness.Namespace, name));
        await _harness.ReconcileAsync(name);

        Assert.False(_harness.ApiKeys.Contains(ReconcilerHarness.Namespace, name));
        Assert.Empty(await Pairs(name));
        Assert.DoesNotContain(Label(name, 1), _softHsm.ListObjects(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _harness.Dispose();
        _registry.Dispose();
    }

    private static readonly TimeSpan EffectiveRotationPolicyGrace = KeyOperator.Operator.RotationPolicies.EffectiveRotationPolicy.DefaultGracePeriod;

    private static string NewName() => "k" + Guid.NewGuid().ToString("N")[..12];

    private static string Label(string name, int version) => HsmKeyPairLabels.Of(ReconcilerHarness.Namespace, name, version);

    private Task<IReadOnlyList<string>> Pairs(string name) =>
        _registry.ListKeyPairLabelsAsync(Hsm, HsmKeyPairLabels.Prefix(ReconcilerHarness.Namespace, name), CancellationToken.None);

    private static ApiKeySpec Spec(string type)
    {
        var source = new ApiKeySource { Hsm = new HsmSourceSpec { Name = Hsm } };
        return type switch
        {
            "P-256" => new ApiKeySpec { Ecdsa = new EcdsaSpec { Curve = EcdsaCurve.P256 }, Source = source },
            "P-384" => new ApiKeySpec { Ecdsa = new EcdsaSpec { Curve = EcdsaCurve.P384 }, Source = source },
            _ => new ApiKeySpec { Rsa = new RsaSpec(2048), Source = source },
        };
    }

    private string PrivateKeyListing(string labelSuffix) =>
        Assert.Single(Objects(_softHsm.ListObjects(), "Private Key Object", "keyoperator/" + ReconcilerHarness.Namespace + "/" + labelSuffix));

    // pkcs11-tool -O prints each object as a header line ("Private Key Object; EC ...") followed by indented attributes.
    private static IEnumerable<string> Objects(string listing, string className, string label)
    {
        var blocks = new List<string>();
        foreach (string line in listing.Split('\n'))
        {
            if (line.Contains(" Object", StringComparison.Ordinal) && !line.StartsWith(' '))
            {
                blocks.Add(line + "\n");
            }
            else if (blocks.Count > 0)
            {
                blocks[^1] += line + "\n";
            }
        }

        return [.. blocks.Where(b => b.StartsWith(className, StringComparison.Ordinal) && b.Contains("label:      " + label + "\n", StringComparison.Ordinal))];
    }

    private static (string Token, string Label, byte[] Id) ParseUri(string uri)
    {
        Dictionary<string, string> parts = uri["pkcs11:".Length..].Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return (Uri.UnescapeDataString(parts["token"]), Uri.UnescapeDataString(parts["object"]), Convert.FromHexString(parts["id"].Replace("%", string.Empty, StringComparison.Ordinal)));
    }

    // The verifier's side: only the JWK, as a relying party would have it from jwks.json.
    private static bool VerifyWithJwk(JsonObject jwk, byte[] data, byte[] signature)
    {
        if ((string?)jwk["kty"] == "EC")
        {
            using ECDsa ecdsa = ECDsa.Create(new ECParameters
            {
                Curve = (string?)jwk["crv"] == "P-256" ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384,
                Q = new ECPoint { X = Base64UrlDecode((string)jwk["x"]!), Y = Base64UrlDecode((string)jwk["y"]!) },
            });
            return ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256);
        }

        using RSA rsa = RSA.Create(new RSAParameters { Modulus = Base64UrlDecode((string)jwk["n"]!), Exponent = Base64UrlDecode((string)jwk["e"]!) });
        return rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private static byte[] Base64UrlDecode(string value) => System.Buffers.Text.Base64Url.DecodeFromChars(value);

    private sealed class FixedPin : IHsmPinSource
    {
        public ValueTask<byte[]> GetPinAsync(string hsm, CancellationToken cancellationToken) => ValueTask.FromResult(SoftHsm.PinBytes());
    }
}
