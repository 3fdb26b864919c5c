// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Admission.Policy;
using KeyOperator.Operator.Admission.Review;
using KeyOperator.Operator.Hsm;
using KeyOperator.Operator.Tests.Admission.Fakes;

namespace KeyOperator.Operator.Tests.Hsm;

public sealed class ApiKeyValidatorHsmTests
{
    private static readonly HsmCatalog s_catalog = new(
        new HsmSettings
        {
            Hsms =
            [
                new HsmDefinition
                {
                    Name = "payments-hsm",
                    Module = "/usr/lib/softhsm/libsofthsm2.so",
                    TokenLabel = "t",
                    PinSecretRef = new HsmPinSecretRef("pin", "pin"),
                    NamespaceSelector = new NamespaceSelector { MatchLabels = new Dictionary<string, string> { ["team"] = "payments" } },
                },
            ],
        },
        "key-operator");

    [Theory]
    [InlineData("""{"hmac":{},"source":{"hsm":{"name":"payments-hsm","masterKeyLabel":"m"}}}""", "web", "spec.source.hsm.name: HSM \"payments-hsm\" is not available to namespace \"team-a\" (its namespaceSelector does not match) (hsm namespaceSelector)")]
    [InlineData("""{"hmac":{},"source":{"hsm":{"name":"other","masterKeyLabel":"m"}}}""", "payments", "spec.source.hsm.name: no HSM named \"other\" is configured (configured: payments-hsm) (hsm namespaceSelector)")]
    [InlineData("""{"hmac":{},"source":{"hsm":{"name":"payments-hsm"}}}""", "payments", "spec.source.hsm.masterKeyLabel: is required for token, hmac and basicAuth (the label of the master key on the token) (rule hsmMasterKey)")]
    [InlineData("""{"ecdsa":{},"source":{"hsm":{"name":"payments-hsm","masterKeyLabel":"m"}}}""", "payments", "spec.source.hsm.masterKeyLabel: must be absent for rsa and ecdsa (the key pair is generated inside the HSM, not derived from a master key) (rule hsmMasterKey)")]
    [InlineData("""{"rsa":{"bits":2048},"source":{"hsm":{"name":"payments-hsm","masterKeyLabel":""}}}""", "payments", "spec.source.hsm.masterKeyLabel: must be absent for rsa and ecdsa (the key pair is generated inside the HSM, not derived from a master key) (rule hsmMasterKey)")]
    [InlineData("""{"ecdsa":{"curve":"P-521"},"source":{"hsm":{"name":"payments-hsm"}}}""", "payments", "spec.ecdsa.curve: must be P-256 or P-384 with spec.source.hsm (HSM-resident key pairs) (rule hsmFormats)")]
    [InlineData("""{"basicAuth":{"username":"u"},"source":{"hsm":{"name":"payments-hsm"}}}""", "payments", "spec.source.hsm.masterKeyLabel: is required for token, hmac and basicAuth (the label of the master key on the token) (rule hsmMasterKey)")]
    public async Task Review_HsmSourceRefused_DeniedNamingTheField(string spec, string team, string message)
    {
        var harness = new ReviewerHarness(hsms: s_catalog);
        harness.Lookups.NamespaceLabels["team-a"] = new Dictionary<string, string> { ["team"] = team };

        AdmissionVerdict verdict = await harness.ApiKeyAsync(spec);

        Assert.False(verdict.Allowed);
        Assert.Equal(message, verdict.Message);
    }

    [Theory]
    [InlineData("""{"ecdsa":{},"source":{"hsm":{"name":"payments-hsm"}}}""")]
    [InlineData("""{"ecdsa":{"curve":"P-384"},"source":{"hsm":{"name":"payments-hsm"}}}""")]
    [InlineData("""{"rsa":{"bits":4096},"source":{"hsm":{"name":"payments-hsm"}}}""")]
    public async Task Review_HsmKeyPairWithoutMasterKeyLabel_Admitted(string spec)
    {
        var harness = new ReviewerHarness(hsms: s_catalog);
        harness.Lookups.NamespaceLabels["team-a"] = new Dictionary<string, string> { ["team"] = "payments" };

        AdmissionVerdict verdict = await harness.ApiKeyAsync(spec);

        Assert.True(verdict.Allowed, verdict.Message);
    }

    [Fact]
    public async Task Review_HsmSourceAllowed_Admitted()
    {
        var harness = new ReviewerHarness(hsms: s_catalog);
        harness.Lookups.NamespaceLabels["team-a"] = new Dictionary<string, string> { ["team"] = "payments" };

        AdmissionVerdict verdict = await harness.ApiKeyAsync("""{"token":{},"source":{"hsm":{"name":"payments-hsm","masterKeyLabel":"m"}}}""");

        Assert.True(verdict.Allowed, verdict.Message);
    }

    [Fact]
    public async Task Review_NoHsmConfigured_DeniesHsmSource()
    {
        var harness = new ReviewerHarness(hsms: new HsmCatalog(HsmSettings.Empty, "key-operator"));

        AdmissionVerdict verdict = await harness.ApiKeyAsync("""{"source":{"hsm":{"name":"softhsm","masterKeyLabel":"m"}}}""");

        Assert.Equal("spec.source.hsm.name: no HSM named \"softhsm\" is configured (none is configured) (hsm namespaceSelector)", verdict.Message);
    }
}
