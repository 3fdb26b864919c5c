// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s.Models;
using KeyOperator.Operator.Admission.Policy;
using KeyOperator.Operator.Admission.Validation;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers.ApiKeys;
using KeyOperator.Operator.Hsm;
using KeyOperator.Operator.Tests.Controllers.ApiKeys;
using KeyOperator.Runtime.Conditions;
using KeyOperator.Runtime.Controllers;

namespace KeyOperator.Operator.Tests.Hsm;

/// <summary>The reconciler with spec.source.hsm, over the software HSM port (the real binding is tested against SoftHSM2).</summary>
public sealed class ApiKeyReconcilerHsmTests : IDisposable
{
    private readonly SoftwareHsm _hsm = new();
    private readonly ReconcilerHarness _harness;
    private readonly Labels _labels = new();

    public ApiKeyReconcilerHsmTests()
    {
        _hsm.AddMaster("softhsm", "master");
        var settings = new HsmSettings
        {
            Hsms =
            [
                Definition("softhsm", new NamespaceSelector()),
                Definition("payments-hsm", new NamespaceSelector { MatchLabels = new Dictionary<string, string> { ["team"] = "payments" } }),
            ],
        };
        _harness = new ReconcilerHarness(_hsm, settings, _labels);
    }

    public static TheoryData<string> Formats => ["token", "hmac", "basicAuth"];

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task ReconcileAsync_SecretDeleted_RestoresTheSameValueAndVersion(string format)
    {
        _harness.AddApiKey("k", Spec(format));
        await _harness.ReconcileAsync("k");
        V1Secret first = _harness.Secrets.Find(ReconcilerHarness.Namespace, "k")!;
        Dictionary<string, byte[]> before = first.Data.ToDictionary(p => p.Key, p => p.Value.ToArray());

        _harness.Secrets.Delete(ReconcilerHarness.Namespace, "k");
        await _harness.ReconcileAsync("k");

        V1Secret restored = _harness.Secrets.Find(ReconcilerHarness.Namespace, "k")!;
        Assert.Equal(before, restored.Data.ToDictionary(p => p.Key, p => p.Value));
        Assert.Equal("1", restored.Metadata.Annotations[ApiKeyConstants.Annotations.Version]);
        ApiKey stored = _harness.ApiKeys.Get(ReconcilerHarness.Namespace, "k");
        Assert.Equal(1, stored.Status!.CurrentVersion);
        Assert.True(Conditions.IsTrue(stored.Status.Conditions, ConditionTypes.Ready));
        Assert.Contains(_harness.Events.Events, e => e.Reason == ApiKeyReasons.SecretRecreated && e.Note.Contains("restored key version 1 from HSM softhsm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReconcileAsync_SecretTampered_RestoresTheSameValue()
    {
        _harness.AddApiKey("k", Spec("hmac"));
        await _harness.ReconcileAsync("k");
        V1Secret secret = _harness.Secrets.Find(ReconcilerHarness.Namespace, "k")!;
        byte[] value = secret.Data[ApiKeyConstants.DataKeys.Secret].ToArray();

        secret.Data[ApiKeyConstants.DataKeys.Secret] = [1, 2, 3];
        _harness.Secrets.Put(secret);
        await _harness.ReconcileAsync("k");

        Assert.Equal(value, _harness.Secrets.Find(ReconcilerHarness.Namespace, "k")!.Data[ApiKeyConstants.DataKeys.Secret]);
        Assert.Equal(1, _harness.ApiKeys.Get(ReconcilerHarness.Namespace, "k").Status!.CurrentVersion);
    }

    [Fact]
    public async Task ReconcileAsync_HsmKey_StatusKeysNameTheSource()
    {
        _harness.AddApiKey("k", Spec("token"));

        await _harness.ReconcileAsync("k");

        KeyVersionStatus key = Assert.Single(_harness.ApiKeys.Get(ReconcilerHarness.Namespace, "k").Status!.Keys!);
        Assert.Equal("hsm/softhsm", key.Source);
    }

    [Fact]
    public async Task ReconcileAsync_MasterMissing_NotReadyHsmKeyMissingAndNoSecret()
    {
        _harness.AddApiKey("k", Spec("token", master: "absent"));

        ReconcileResult result = await _harness.ReconcileAsync("k");

        Assert.Equal(ReconcileOutcome.RequeueAfter, result.Outcome);
        Assert.Null(_harness.Secrets.Find(ReconcilerHarness.Namespace, "k"));
        Condition ready = ReadyOf("k");
        Assert.Equal(ApiKeyReasons.HsmKeyMissing, ready.Reason);
        Assert.Contains("absent", ready.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReconcileAsync_HsmDown_NotReadyHsmUnavailableWithCkrName()
    {
        _hsm.Down = true;
        _harness.AddApiKey("k", Spec("hmac"));

        await _harness.ReconcileAsync("k");

        Condition ready = ReadyOf("k");
        Assert.Equal(ApiKeyReasons.HsmUnavailable, ready.Reason);
        Assert.Contains("CKR_DEVICE_REMOVED", ready.Message, StringComparison.Ordinal);

        // Back up: the next look mints the key.
        _hsm.Down = false;
        await _harness.ReconcileAsync("k");
        Assert.True(Conditions.IsTrue(_harness.ApiKeys.Get(ReconcilerHarness.Namespace, "k").Status!.Conditions, ConditionTypes.Ready));
    }

    [Theory]
    [InlineData("payments-hsm", "HSM \"payments-hsm\" is not available to namespace \"team\"")]
    [InlineData("other", "no HSM named \"other\" is configured (configured: softhsm, payments-hsm)")]
    public async Task ReconcileAsync_HsmNotAllowed_NotReadyHsmNotAllowedAndNothingDerived(string hsm, string message)
    {
        _labels.Values["team"] = new Dictionary<string, string> { ["team"] = "web" };
        _harness.AddApiKey("k", Spec("hmac", hsm: hsm));

        await _harness.ReconcileAsync("k");

        Condition ready = ReadyOf("k");
        Assert.Equal(ApiKeyReasons.HsmNotAllowed, ready.Reason);
        Assert.Contains(message, ready.Message, StringComparison.Ordinal);
        Assert.StartsWith("spec.source.hsm.name: ", ready.Message, StringComparison.Ordinal);
        Assert.Equal(0, _hsm.Derivations);
        Assert.Null(_harness.Secrets.Find(ReconcilerHarness.Namespace, "k"));
    }

    [Fact]
    public async Task ReconcileAsync_NamespaceInSelector_Allowed()
    {
        _hsm.AddMaster("payments-hsm", "master");
        _labels.Values["team"] = new Dictionary<string, string> { ["team"] = "payments" };
        _harness.AddApiKey("k", Spec("hmac", hsm: "payments-hsm"));

        await _harness.ReconcileAsync("k");

        Assert.NotNull(_harness.Secrets.Find(ReconcilerHarness.Namespace, "k"));
    }

    [Fact]
    public async Task ReconcileAsync_HsmRsaWithMasterKeyLabel_InvalidSpec()
    {
        _harness.AddApiKey("k", new ApiKeySpec { Rsa = new RsaSpec(), Source = new ApiKeySource { Hsm = new HsmSourceSpec { Name = "softhsm", MasterKeyLabel = "master" } } });

        await _harness.ReconcileAsync("k");

        Assert.Equal(ApiKeyReasons.InvalidSpec, ReadyOf("k").Reason);
    }

    [Fact]
    public async Task ReconcileAsync_KeyPairApiKeyDeletedWhileHsmDown_KeepsFinalizerAndReportsHsmUnavailable()
    {
        _harness.AddApiKey("k", new ApiKeySpec { Ecdsa = new EcdsaSpec(), Source = new ApiKeySource { Hsm = new HsmSourceSpec { Name = "softhsm" } } });
        await _harness.ReconcileAsync("k");
        Assert.Single(_hsm.Pairs);
        _hsm.Down = true;
        _harness.ApiKeys.Delete(ReconcilerHarness.Namespace, "k", _harness.Time.GetUtcNow());

        ReconcileResult result = await _harness.ReconcileAsync("k");

        Assert.Equal(ReconcileOutcome.RequeueAfter, result.Outcome);
        ApiKey kept = _harness.ApiKeys.Get(ReconcilerHarness.Namespace, "k");
        Assert.Contains(ApiKeyConstants.Finalizers.HsmKeys, kept.Metadata.Finalizers!);
        Condition ready = ReadyOf("k");
        Assert.Equal(ApiKeyReasons.HsmUnavailable, ready.Reason);
        Assert.Contains("CKR_DEVICE_REMOVED", ready.Message, StringComparison.Ordinal);
        Assert.Single(_hsm.Pairs);

        // Back up: the next look destroys the pair and lets the ApiKey go.
        _hsm.Down = false;
        await _harness.ReconcileAsync("k");
        Assert.False(_harness.ApiKeys.Contains(ReconcilerHarness.Namespace, "k"));
        Assert.Empty(_hsm.Pairs);
    }

    [Fact]
    public async Task ReconcileAsync_KeyPairWhileHsmDown_NotReadyHsmUnavailableAndNoSecret()
    {
        _hsm.Down = true;
        _harness.AddApiKey("k", new ApiKeySpec { Rsa = new RsaSpec(2048), Source = new ApiKeySource { Hsm = new HsmSourceSpec { Name = "softhsm" } } });

        await _harness.ReconcileAsync("k");

        Assert.Equal(ApiKeyReasons.HsmUnavailable, ReadyOf("k").Reason);
        Assert.Null(_harness.Secrets.Find(ReconcilerHarness.Namespace, "k"));
        Assert.Contains(ApiKeyConstants.Finalizers.HsmKeys, _harness.ApiKeys.Get(ReconcilerHarness.Namespace, "k").Metadata.Finalizers!);
    }

    [Fact]
    public async Task ReconcileAsync_HsmEcdsaP521_InvalidSpecAndNothingGenerated()
    {
        _harness.AddApiKey("k", new ApiKeySpec { Ecdsa = new EcdsaSpec { Curve = EcdsaCurve.P521 }, Source = new ApiKeySource { Hsm = new HsmSourceSpec { Name = "softhsm" } } });

        await _harness.ReconcileAsync("k");

        Assert.Equal(ApiKeyReasons.InvalidSpec, ReadyOf("k").Reason);
        Assert.Contains("spec.ecdsa.curve", ReadyOf("k").Message, StringComparison.Ordinal);
        Assert.Equal(0, _hsm.Generated);
    }

    [Fact]
    public async Task ReconcileAsync_DerivedHsmKeyDeleted_NoFinalizerAndGoneAtOnce()
    {
        _harness.AddApiKey("k", Spec("hmac"));
        await _harness.ReconcileAsync("k");
        Assert.Null(_harness.ApiKeys.Get(ReconcilerHarness.Namespace, "k").Metadata.Finalizers);

        _harness.ApiKeys.Delete(ReconcilerHarness.Namespace, "k", _harness.Time.GetUtcNow());

        Assert.False(_harness.ApiKeys.Contains(ReconcilerHarness.Namespace, "k"));
    }

    public void Dispose() => _harness.Dispose();

    private static ApiKeySpec Spec(string format, string hsm = "softhsm", string master = "master")
    {
        var source = new ApiKeySource { Hsm = new HsmSourceSpec { Name = hsm, MasterKeyLabel = master } };
        return format switch
        {
            "hmac" => new ApiKeySpec { Hmac = new HmacSpec(), Source = source },
            "basicAuth" => new ApiKeySpec { BasicAuth = new BasicAuthSpec { Username = "svc" }, Source = source },
            _ => new ApiKeySpec { Source = source },
        };
    }

    private static HsmDefinition Definition(string name, NamespaceSelector selector) => new()
    {
        Name = name,
        Module = "/usr/lib/softhsm/libsofthsm2.so",
        TokenLabel = "t",
        PinSecretRef = new HsmPinSecretRef("pin", "pin"),
        NamespaceSelector = selector,
    };

    private Condition ReadyOf(string name) =>
        Assert.Single(_harness.ApiKeys.Get(ReconcilerHarness.Namespace, name).Status!.Conditions!, c => c.Type == ConditionTypes.Ready);

    private sealed class Labels : INamespaceLabelLookup
    {
        public Dictionary<string, Dictionary<string, string>> Values { get; } = [];

        public ValueTask<IReadOnlyDictionary<string, string>?> GetLabelsAsync(string namespaceName, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyDictionary<string, string>?>(Values.GetValueOrDefault(namespaceName));
    }
}
