// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyOperator.Hsm.Tests;

[Collection(SoftHsmCollection.Name)]
public sealed class HsmKeyPairTests(SoftHsm softHsm)
{
    private const string Hsm = "softhsm";

    public static TheoryData<HsmKeyPairType> AllTypes => new() { HsmKeyPairType.EcP256, HsmKeyPairType.EcP384, HsmKeyPairType.Rsa2048, HsmKeyPairType.Rsa3072, HsmKeyPairType.Rsa4096 };

    public static TheoryData<HsmKeyPairType> QuickTypes => new() { HsmKeyPairType.EcP256, HsmKeyPairType.EcP384, HsmKeyPairType.Rsa2048 };

    [Theory]
    [MemberData(nameof(AllTypes))]
    public async Task EnsureKeyPairAsync_NewLabel_Pkcs11ToolListsPrivateKeySensitiveAndNeverExtractable(HsmKeyPairType type)
    {
        using HsmRegistry registry = Create();
        string label = NewLabel();

        HsmKeyPair pair = await registry.EnsureKeyPairAsync(Hsm, label, type, CancellationToken.None);

        Assert.Equal(type, pair.Type);
        Assert.Equal(16, pair.Id.Length);
        string block = PrivateKeyBlock(softHsm.ListObjects(), label);
        Assert.Contains("sensitive, always sensitive, never extractable", block, StringComparison.Ordinal);
        Assert.Contains("Usage:      sign", block, StringComparison.Ordinal);
        Assert.Contains("ID:         " + Convert.ToHexStringLower(pair.Id), block, StringComparison.Ordinal);
    }

    // OpenSC 0.23's --read-object fails on P-384 public keys ("cannot create EVP_PKEY"); the signature test covers P-384.
    [Theory]
    [InlineData(HsmKeyPairType.EcP256)]
    [InlineData(HsmKeyPairType.Rsa2048)]
    public async Task EnsureKeyPairAsync_PublicKeyReadByPkcs11Tool_EqualsReturnedSubjectPublicKeyInfo(HsmKeyPairType type)
    {
        using HsmRegistry registry = Create();
        HsmKeyPair pair = await registry.EnsureKeyPairAsync(Hsm, NewLabel(), type, CancellationToken.None);
        string output = Path.Combine(softHsm.Directory, Guid.NewGuid().ToString("N") + ".der");

        softHsm.Run("pkcs11-tool", "--module", SoftHsm.ModulePath, "--token-label", SoftHsm.TokenLabel, "--login", "--pin", SoftHsm.Pin,
            "--read-object", "--type", "pubkey", "--id", Convert.ToHexStringLower(pair.Id), "--output-file", output);

        Assert.Equal(Convert.ToHexStringLower(pair.SubjectPublicKeyInfo), Convert.ToHexStringLower(File.ReadAllBytes(output)));
    }

    [Theory]
    [MemberData(nameof(QuickTypes))]
    public async Task EnsureKeyPairAsync_SignatureByPkcs11ToolThroughTheUri_VerifiesWithThePublicKey(HsmKeyPairType type)
    {
        using HsmRegistry registry = Create();
        HsmKeyPair pair = await registry.EnsureKeyPairAsync(Hsm, NewLabel(), type, CancellationToken.None);
        (string token, string label, byte[] id) = ParseUri(pair.Pkcs11Uri);
        byte[] data = Encoding.UTF8.GetBytes("signed through the pkcs11 URI");
        bool ec = type is HsmKeyPairType.EcP256 or HsmKeyPairType.EcP384;
        string input = Path.Combine(softHsm.Directory, Guid.NewGuid().ToString("N") + ".in");
        string signature = input + ".sig";

        // SoftHSM2 has no hashing ECDSA mechanism: hash here, sign the digest with CKM_ECDSA.
        File.WriteAllBytes(input, ec ? SHA256.HashData(data) : data);
        softHsm.Run("pkcs11-tool", "--module", SoftHsm.ModulePath, "--token-label", token, "--login", "--pin", SoftHsm.Pin,
            "--sign", "--mechanism", ec ? "ECDSA" : "SHA256-RSA-PKCS", "--label", label, "--id", Convert.ToHexStringLower(id),
            "--input-file", input, "--output-file", signature);

        byte[] sig = File.ReadAllBytes(signature);
        if (ec)
        {
            using ECDsa key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(pair.SubjectPublicKeyInfo, out _);
            Assert.True(key.VerifyData(data, sig, HashAlgorithmName.SHA256));
        }
        else
        {
            using RSA key = RSA.Create();
            key.ImportSubjectPublicKeyInfo(pair.SubjectPublicKeyInfo, out _);
            Assert.True(key.VerifyData(data, sig, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }
    }

    [Fact]
    public async Task EnsureKeyPairAsync_CalledAgainInANewRegistry_ReturnsTheSamePairWithoutGeneratingAnother()
    {
        string label = NewLabel();
        HsmKeyPair first;
        using (HsmRegistry registry = Create())
        {
            // As a crash after C_GenerateKeyPair and before the status write: the caller never saw this result.
            first = await registry.EnsureKeyPairAsync(Hsm, label, HsmKeyPairType.EcP256, CancellationToken.None);
        }

        using HsmRegistry again = Create();
        HsmKeyPair second = await again.EnsureKeyPairAsync(Hsm, label, HsmKeyPairType.EcP256, CancellationToken.None);

        Assert.Equal(first.SubjectPublicKeyInfo, second.SubjectPublicKeyInfo);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.Pkcs11Uri, second.Pkcs11Uri);
        Assert.Equal([label], await again.ListKeyPairLabelsAsync(Hsm, label, CancellationToken.None));
        Assert.Equal(1, CountOccurrences(softHsm.ListObjects(), label, "Private Key Object"));
    }

    [Fact]
    public async Task DestroyKeyPairAsync_ExistingPair_RemovesBothHalvesAndLeavesOthers()
    {
        using HsmRegistry registry = Create();
        string prefix = NewLabel() + "/";
        await registry.EnsureKeyPairAsync(Hsm, prefix + "v1", HsmKeyPairType.EcP256, CancellationToken.None);
        await registry.EnsureKeyPairAsync(Hsm, prefix + "v2", HsmKeyPairType.EcP256, CancellationToken.None);

        int destroyed = await registry.DestroyKeyPairAsync(Hsm, prefix + "v1", CancellationToken.None);

        Assert.Equal(2, destroyed);
        Assert.Null(await registry.FindKeyPairAsync(Hsm, prefix + "v1", CancellationToken.None));
        Assert.Equal([prefix + "v2"], await registry.ListKeyPairLabelsAsync(Hsm, prefix, CancellationToken.None));
        Assert.DoesNotContain("label:      " + prefix + "v1\n", softHsm.ListObjects(), StringComparison.Ordinal);
        Assert.Equal(0, await registry.DestroyKeyPairAsync(Hsm, prefix + "v1", CancellationToken.None));
    }

    [Fact]
    public async Task EnsureKeyPairAsync_OnlyThePublicHalfLeft_FailsInsteadOfGeneratingASecondPair()
    {
        using HsmRegistry registry = Create();
        string label = NewLabel();
        HsmKeyPair pair = await registry.EnsureKeyPairAsync(Hsm, label, HsmKeyPairType.EcP256, CancellationToken.None);
        softHsm.Run("pkcs11-tool", "--module", SoftHsm.ModulePath, "--token-label", SoftHsm.TokenLabel, "--login", "--pin", SoftHsm.Pin,
            "--delete-object", "--type", "privkey", "--id", Convert.ToHexStringLower(pair.Id));

        HsmException ex = await Assert.ThrowsAsync<HsmException>(() => registry.EnsureKeyPairAsync(Hsm, label, HsmKeyPairType.EcP256, CancellationToken.None));

        Assert.Contains("0 private and 1 public", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureKeyPairAsync_LoggedOutBehindThePoolsBack_LogsInAgainAndFindsThePairInsteadOfGeneratingAnother()
    {
        var pins = new TestPins(SoftHsm.Pin);
        using HsmRegistry registry = Create(pins);
        string label = NewLabel();
        HsmKeyPair first = await registry.EnsureKeyPairAsync(Hsm, label, HsmKeyPairType.EcP256, CancellationToken.None);

        // C_Logout ends the login of every session of the application; the private half disappears from view.
        using (Net.Pkcs11Interop.HighLevelAPI.ISession other = registry.Pool(Hsm).Slot!.OpenSession(Net.Pkcs11Interop.Common.SessionType.ReadOnly))
        {
            other.Logout();
        }

        HsmKeyPair again = await registry.EnsureKeyPairAsync(Hsm, label, HsmKeyPairType.EcP256, CancellationToken.None);

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(2, pins.Calls);
        Assert.Single(Objects(softHsm.ListObjects(), "Private Key Object", label));
    }

    [Theory]
    [InlineData("tok", "ns/name/v1", "00ff10", "pkcs11:token=tok;object=ns%2fname%2fv1;id=%00%ff%10;type=private")]
    [InlineData("key operator", "a;b=c", "", "pkcs11:token=key%20operator;object=a%3bb%3dc;id=;type=private")]
    public void ForPrivateKey_Labels_PercentEncodesReservedBytesAndTheWholeId(string token, string label, string idHex, string expected) =>
        Assert.Equal(expected, Pkcs11Uri.ForPrivateKey(token, label, Convert.FromHexString(idHex)));

    private static string NewLabel() => "keyoperator/test/" + Guid.NewGuid().ToString("N");

    private static (string Token, string Label, byte[] Id) ParseUri(string uri)
    {
        Assert.StartsWith("pkcs11:", uri, StringComparison.Ordinal);
        Dictionary<string, string> parts = uri["pkcs11:".Length..].Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        Assert.Equal("private", parts["type"]);
        return (Uri.UnescapeDataString(parts["token"]), Uri.UnescapeDataString(parts["object"]), Convert.FromHexString(parts["id"].Replace("%", string.Empty, StringComparison.Ordinal)));
    }

    private static string PrivateKeyBlock(string listing, string label) =>
        Objects(listing, "Private Key Object", label).SingleOrDefault() ?? throw new Xunit.Sdk.XunitException("pkcs11-tool lists no private key " + label + ":\n" + listing);

    private static int CountOccurrences(string listing, string label, string className) => Objects(listing, className, label).Count();

    // pkcs11-tool -O prints each object as a header line ("Private Key Object; EC ...") and indented attribute lines.
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

        return blocks.Where(b => b.StartsWith(className, StringComparison.Ordinal) && b.Contains("label:      " + label + "\n", StringComparison.Ordinal));
    }

    private HsmRegistry Create(TestPins? pins = null)
    {
        _ = softHsm;
        return new HsmRegistry(
            [new HsmModuleConfig(Hsm, SoftHsm.ModulePath, SoftHsm.TokenLabel, 2)],
            pins ?? new TestPins(SoftHsm.Pin),
            new HsmMetrics(Prometheus.Metrics.NewCustomRegistry()),
            TimeProvider.System,
            NullLogger<HsmRegistry>.Instance);
    }
}
