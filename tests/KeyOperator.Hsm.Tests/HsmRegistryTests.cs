// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Net.Pkcs11Interop.Common;
using Prometheus;

namespace KeyOperator.Hsm.Tests;

[Collection(SoftHsmCollection.Name)]
public sealed class HsmRegistryTests(SoftHsm softHsm)
{
    private const string Hsm = "softhsm";

    // RFC 4231 section 4.7 and 4.8: the two cases whose key (131 bytes) SoftHSM accepts for CKM_SHA256_HMAC.
    public static TheoryData<string, string> Rfc4231LongKeyCases => new()
    {
        { "Test Using Larger Than Block-Size Key - Hash Key First", "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
        { "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.", "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2" },
    };

    // RFC 4231 sections 4.2 to 4.6: keys of 20, 4, 20, 25 and 20 bytes, below SoftHSM's 32-byte minimum for HMAC keys.
    public static TheoryData<string, string> Rfc4231ShortKeyCases => new()
    {
        { "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265" },
        { "4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f" },
        { "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd" },
        { "0102030405060708090a0b0c0d0e0f10111213141516171819", "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd" },
        { "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c", "546573742057697468205472756e636174696f6e" },
    };

    [Theory]
    [MemberData(nameof(Rfc4231LongKeyCases))]
    public async Task HmacAsync_Rfc4231LongKeyCases_EqualExpectedThroughTheHsm(string message, string expected)
    {
        using var registry = Create(out _);
        string label = "rfc4231-" + Guid.NewGuid().ToString("N");
        await registry.ImportSecretKeyAsync(Hsm, label, Enumerable.Repeat((byte)0xaa, 131).ToArray(), token: false, CancellationToken.None);

        byte[] mac = await registry.HmacAsync(Hsm, label, Encoding.ASCII.GetBytes(message), CancellationToken.None);

        Assert.Equal(expected, Convert.ToHexStringLower(mac));
    }

    [Theory]
    [MemberData(nameof(Rfc4231ShortKeyCases))]
    public async Task HmacAsync_Rfc4231KeyShorterThan32Bytes_FailsWithCkrKeySizeRange(string keyHex, string dataHex)
    {
        using var registry = Create(out _);
        string label = "short-" + Guid.NewGuid().ToString("N");
        await registry.ImportSecretKeyAsync(Hsm, label, Convert.FromHexString(keyHex), token: false, CancellationToken.None);

        HsmException ex = await Assert.ThrowsAsync<HsmException>(() => registry.HmacAsync(Hsm, label, Convert.FromHexString(dataHex), CancellationToken.None));

        Assert.Equal("CKR_KEY_SIZE_RANGE", ex.ReturnValue);
        Assert.Equal(HsmFailure.Unavailable, ex.Failure);
        Assert.Contains("CKR_KEY_SIZE_RANGE", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HmacAsync_WycheproofKeysOf32And65Bytes_ValidTagsMatchInvalidDoNot()
    {
        using var registry = Create(out _);
        using JsonDocument vectors = JsonDocument.Parse(await File.ReadAllTextAsync(Fixtures.Path("pkcs11", "wycheproof", "hmac_sha256_test.json")));
        int checkedCount = 0;
        foreach (JsonElement group in vectors.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            if (group.GetProperty("keySize").GetInt32() < 256)
            {
                continue;
            }

            int tagBytes = group.GetProperty("tagSize").GetInt32() / 8;
            foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
            {
                string label = "wycheproof-" + test.GetProperty("tcId").GetInt32() + "-" + tagBytes;
                await registry.ImportSecretKeyAsync(Hsm, label, Convert.FromHexString(test.GetProperty("key").GetString()!), token: false, CancellationToken.None);
                byte[] mac = await registry.HmacAsync(Hsm, label, Convert.FromHexString(test.GetProperty("msg").GetString()!), CancellationToken.None);
                bool matches = Convert.ToHexStringLower(mac.AsSpan(0, tagBytes)) == test.GetProperty("tag").GetString();
                Assert.True(matches == (test.GetProperty("result").GetString() == "valid"), $"tcId {test.GetProperty("tcId").GetInt32()}");
                checkedCount++;
            }
        }

        Assert.Equal(168, checkedCount);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(100)]
    [InlineData(HsmRegistry.MaxDerivedBytes)]
    public async Task DeriveAsync_KnownMaster_EqualsSoftwareHkdfExpand(int length)
    {
        using var registry = Create(out _);
        byte[] master = RandomNumberGenerator.GetBytes(32);
        string label = "known-master-" + Guid.NewGuid().ToString("N");
        await registry.ImportSecretKeyAsync(Hsm, label, master, token: false, CancellationToken.None);
        byte[] info = HsmDerivationContext.Encode("payments", "api-token", "0b6f9d1e-8a43-4a2c-9d7e-3f1c2b5a6d70", "token", 3);

        byte[] derived = await registry.DeriveAsync(Hsm, label, info, length, CancellationToken.None);

        Assert.Equal(HKDF.Expand(HashAlgorithmName.SHA256, master, length, info), derived);
    }

    [Fact]
    public async Task DeriveAsync_LongerLength_ExtendsShorterResult()
    {
        using var registry = Create(out _);
        string label = await CreateMasterAsync(registry);
        byte[] info = HsmDerivationContext.Encode("ns", "name", "uid", "hmac", 1);

        byte[] shorter = await registry.DeriveAsync(Hsm, label, info, 40, CancellationToken.None);
        byte[] longer = await registry.DeriveAsync(Hsm, label, info, 200, CancellationToken.None);

        Assert.Equal(shorter, longer[..40]);
    }

    [Fact]
    public async Task DeriveAsync_OtherVersionOrRegistry_DiffersOnlyWithTheContext()
    {
        string label;
        byte[] first;
        using (var registry = Create(out _))
        {
            label = await CreateMasterAsync(registry);
            first = await registry.DeriveAsync(Hsm, label, HsmDerivationContext.Encode("ns", "name", "uid", "hmac", 1), 32, CancellationToken.None);
            byte[] next = await registry.DeriveAsync(Hsm, label, HsmDerivationContext.Encode("ns", "name", "uid", "hmac", 2), 32, CancellationToken.None);
            Assert.NotEqual(first, next);
        }

        // A new process (here: a new registry after the module was finalised) derives the same bytes from the token.
        using var again = Create(out _);
        Assert.Equal(first, await again.DeriveAsync(Hsm, label, HsmDerivationContext.Encode("ns", "name", "uid", "hmac", 1), 32, CancellationToken.None));
    }

    [Fact]
    public async Task CreateMasterKeyAsync_NewLabel_Pkcs11ToolListsItSensitiveAndNeverExtractable()
    {
        using var registry = Create(out _);
        string label = await CreateMasterAsync(registry);

        string listing = softHsm.ListObjects();

        string block = ObjectBlock(listing, label);
        Assert.Contains("Secret Key Object", block, StringComparison.Ordinal);
        // pkcs11-tool's "Usage" line does not print CKA_SIGN for secret keys (the HMACs of the other tests need it);
        // it does print every other use, and the master has none but verify.
        Assert.Contains("Usage:      verify\n", block, StringComparison.Ordinal);
        Assert.Contains("sensitive, always sensitive, never extractable", block, StringComparison.Ordinal);
        Assert.True(await registry.HasSecretKeyAsync(Hsm, label, CancellationToken.None));
    }

    [Fact]
    public async Task DeriveAsync_MasterMadeByPkcs11Tool_Works()
    {
        using var registry = Create(out _);
        string label = "tool-master-" + Guid.NewGuid().ToString("N");
        softHsm.Run("pkcs11-tool", "--module", SoftHsm.ModulePath, "--token-label", SoftHsm.TokenLabel, "--login", "--pin", SoftHsm.Pin,
            "--keygen", "--key-type", "GENERIC:32", "--sensitive", "--usage-sign", "--label", label);

        byte[] derived = await registry.DeriveAsync(Hsm, label, [1, 2], 48, CancellationToken.None);

        Assert.Equal(48, derived.Length);
    }

    [Fact]
    public async Task CreateMasterKeyAsync_LabelTaken_RefusesAndKeepsTheKey()
    {
        using var registry = Create(out _);
        string label = await CreateMasterAsync(registry);
        byte[] before = await registry.DeriveAsync(Hsm, label, [1, 2, 3], 32, CancellationToken.None);

        HsmException ex = await Assert.ThrowsAsync<HsmException>(() => registry.CreateMasterKeyAsync(Hsm, label, 32, CancellationToken.None));

        Assert.Contains("exists already", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, await registry.DeriveAsync(Hsm, label, [1, 2, 3], 32, CancellationToken.None));
    }

    [Fact]
    public async Task DeriveAsync_MasterMissing_FailsWithKeyMissing()
    {
        using var registry = Create(out _);

        HsmException ex = await Assert.ThrowsAsync<HsmException>(() => registry.DeriveAsync(Hsm, "no-such-master", [1], 32, CancellationToken.None));

        Assert.Equal(HsmFailure.KeyMissing, ex.Failure);
        Assert.Contains("no-such-master", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeriveAsync_MasterCreatedAfterAMiss_IsFoundWithoutRestart()
    {
        using var registry = Create(out _);
        string label = "late-" + Guid.NewGuid().ToString("N");
        await Assert.ThrowsAsync<HsmException>(() => registry.DeriveAsync(Hsm, label, [1], 32, CancellationToken.None));

        await registry.CreateMasterKeyAsync(Hsm, label, 32, CancellationToken.None);

        Assert.Equal(32, (await registry.DeriveAsync(Hsm, label, [1], 32, CancellationToken.None)).Length);
    }

    [Fact]
    public async Task DeriveAsync_UnknownHsm_FailsNotConfiguredWithoutLoadingAnything()
    {
        using var registry = Create(out _);

        HsmException ex = await Assert.ThrowsAsync<HsmException>(() => registry.DeriveAsync("other", "m", [1], 32, CancellationToken.None));

        Assert.Equal(HsmFailure.NotConfigured, ex.Failure);
    }

    [Fact]
    public async Task DeriveAsync_AllSessionsClosedBehindThePoolsBack_RecoversAndLogsInAgain()
    {
        using var registry = Create(out TestPins pins);
        string label = await CreateMasterAsync(registry);
        byte[] before = await registry.DeriveAsync(Hsm, label, [7], 32, CancellationToken.None);
        Assert.Equal(1, pins.Calls);

        // C_CloseAllSessions invalidates every pooled handle and, with the last session, logs the token out.
        registry.Pool(Hsm).Slot!.CloseAllSessions();

        byte[] after = await registry.DeriveAsync(Hsm, label, [7], 32, CancellationToken.None);
        Assert.Equal(before, after);
        Assert.Equal(2, pins.Calls);
    }

    [Fact]
    public async Task DeriveAsync_LoggedOutBehindThePoolsBack_LogsInAgainInsteadOfReportingTheKeyMissing()
    {
        using var registry = Create(out TestPins pins);
        string label = await CreateMasterAsync(registry);
        byte[] before = await registry.DeriveAsync(Hsm, label, [5], 32, CancellationToken.None);

        // C_Logout ends the login of every session of the application; private objects disappear from view.
        using (Net.Pkcs11Interop.HighLevelAPI.ISession other = registry.Pool(Hsm).Slot!.OpenSession(SessionType.ReadOnly))
        {
            other.Logout();
        }

        Assert.Equal(before, await registry.DeriveAsync(Hsm, label, [5], 32, CancellationToken.None));
        Assert.Equal(2, pins.Calls);
    }

    [Fact]
    public async Task DeriveAsync_ManyConcurrentCallsOnTwoSessions_AllAgreeAndLoginOnce()
    {
        using var registry = Create(out TestPins pins, maxSessions: 2);
        string label = await CreateMasterAsync(registry);

        byte[][] results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => registry.DeriveAsync(Hsm, label, [9], 64, CancellationToken.None))));

        Assert.All(results, r => Assert.Equal(results[0], r));
        Assert.Equal(1, pins.Calls);
        Assert.InRange(registry.Pool(Hsm).IdleSessions, 1, 2);
    }

    [Fact]
    public async Task DeriveAsync_WrongPin_FailsWithCkrPinIncorrectAndDoesNotRetryTheSamePin()
    {
        const string WrongPin = "999999";
        using var registry = Create(out TestPins pins, pin: WrongPin);

        HsmException first = await Assert.ThrowsAsync<HsmException>(() => registry.DeriveAsync(Hsm, "m", [1], 32, CancellationToken.None));
        HsmException second = await Assert.ThrowsAsync<HsmException>(() => registry.DeriveAsync(Hsm, "m", [1], 32, CancellationToken.None));

        Assert.Equal("CKR_PIN_INCORRECT", first.ReturnValue);
        Assert.Contains("C_Login", first.Message, StringComparison.Ordinal);
        Assert.Contains("not trying it again", second.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongPin, first.Message + second.Message, StringComparison.Ordinal);

        // A changed PIN (the Secret was fixed) is tried.
        pins.Pin = SoftHsm.Pin;
        HsmException missing = await Assert.ThrowsAsync<HsmException>(() => registry.DeriveAsync(Hsm, "m", [1], 32, CancellationToken.None));
        Assert.Equal(HsmFailure.KeyMissing, missing.Failure);
    }

    [Fact]
    public async Task DeriveAsync_TokenLabelNotOnModule_FailsUnavailableNamingTheToken()
    {
        using var registry = Create(out _, tokenLabel: "absent-token");

        HsmException ex = await Assert.ThrowsAsync<HsmException>(() => registry.DeriveAsync(Hsm, "m", [1], 32, CancellationToken.None));

        Assert.Equal(HsmFailure.Unavailable, ex.Failure);
        Assert.Equal("CKR_TOKEN_NOT_PRESENT", ex.ReturnValue);
        Assert.Contains("absent-token", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeriveAsync_ModuleMissing_FailsUnavailableNamingThePath()
    {
        using var registry = Create(out _, module: "/nonexistent/libpkcs11.so");

        HsmException ex = await Assert.ThrowsAsync<HsmException>(() => registry.DeriveAsync(Hsm, "m", [1], 32, CancellationToken.None));

        Assert.Equal(HsmFailure.Unavailable, ex.Failure);
        Assert.Contains("/nonexistent/libpkcs11.so", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeriveAsync_Succeeds_CountsOperationAndDuration()
    {
        var collectors = Prometheus.Metrics.NewCustomRegistry();
        using var registry = Create(out _, metrics: new HsmMetrics(collectors));
        string label = await CreateMasterAsync(registry);
        await registry.DeriveAsync(Hsm, label, [1], 32, CancellationToken.None);
        await Assert.ThrowsAsync<HsmException>(() => registry.DeriveAsync(Hsm, "absent", [1], 32, CancellationToken.None));

        using var stream = new MemoryStream();
        await collectors.CollectAndExportAsTextAsync(stream);
        string text = Encoding.UTF8.GetString(stream.ToArray());

        Assert.Contains("keyoperator_hsm_operations_total{hsm=\"softhsm\",operation=\"derive\",result=\"ok\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("keyoperator_hsm_operations_total{hsm=\"softhsm\",operation=\"derive\",result=\"key_missing\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("keyoperator_hsm_operation_duration_seconds_count{hsm=\"softhsm\",operation=\"derive\"} 2", text, StringComparison.Ordinal);
        Assert.DoesNotContain(SoftHsm.Pin + "\"", text, StringComparison.Ordinal);
    }

    private HsmRegistry Create(out TestPins pins, int maxSessions = 4, string pin = SoftHsm.Pin, string tokenLabel = SoftHsm.TokenLabel, string module = SoftHsm.ModulePath, HsmMetrics? metrics = null)
    {
        _ = softHsm;
        pins = new TestPins(pin);
        return new HsmRegistry(
            [new HsmModuleConfig(Hsm, module, tokenLabel, maxSessions)],
            pins,
            metrics ?? new HsmMetrics(Prometheus.Metrics.NewCustomRegistry()),
            TimeProvider.System,
            NullLogger<HsmRegistry>.Instance);
    }

    private static async Task<string> CreateMasterAsync(HsmRegistry registry)
    {
        string label = "master-" + Guid.NewGuid().ToString("N");
        await registry.CreateMasterKeyAsync(Hsm, label, 32, CancellationToken.None);
        return label;
    }

    private static string ObjectBlock(string listing, string label)
    {
        int at = listing.IndexOf("label:      " + label, StringComparison.Ordinal);
        Assert.True(at >= 0, "pkcs11-tool does not list " + label + ":\n" + listing);
        int start = listing.LastIndexOf("Object;", at, StringComparison.Ordinal);
        int end = listing.IndexOf("Object;", at, StringComparison.Ordinal);
        return listing[(start < 0 ? 0 : listing.LastIndexOf('\n', start) + 1)..(end < 0 ? listing.Length : end)];
    }
}
