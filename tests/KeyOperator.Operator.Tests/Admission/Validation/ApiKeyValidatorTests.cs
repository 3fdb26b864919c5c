// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Admission.Policy;
using KeyOperator.Operator.Admission.Review;
using KeyOperator.Operator.Tests.Admission.Fakes;

namespace KeyOperator.Operator.Tests.Admission.Validation;

public sealed class ApiKeyValidatorTests
{
    private static readonly AdmissionPolicy s_policy = new()
    {
        MinTokenEntropyBits = 128,
        MinHmacBytes = 32,
        MinRsaBits = 3072,
        AllowedFormats = ["token", "hmac", "rsa"],
    };

    [Theory]
    [InlineData("""{"token":{"entropyBits":96}}""", "spec.token.entropyBits: 96 is below the cluster minimum of 128 (policy minTokenEntropyBits)")]
    [InlineData("""{"hmac":{"bytes":16}}""", "spec.hmac.bytes: 16 is below the cluster minimum of 32 (policy minHmacBytes)")]
    [InlineData("""{"rsa":{"bits":2048}}""", "spec.rsa.bits: 2048 is below the cluster minimum of 3072 (policy minRsaBits)")]
    [InlineData("""{"ecdsa":{"curve":"P-256"}}""", "spec.ecdsa: format ecdsa is not allowed in this cluster (allowed: token, hmac, rsa) (policy allowedFormats)")]
    [InlineData("""{"token":{},"hmac":{}}""", "spec: exactly one of token, hmac, rsa, ecdsa, basicAuth may be set, found token and hmac (rule oneFormat)")]
    [InlineData("""{"rotationPolicyRef":{"name":"p","namespace":"other"}}""", "spec.rotationPolicyRef.namespace: \"other\" is not the ApiKey's namespace \"team-a\"; references across namespaces are refused (rule sameNamespace)")]
    [InlineData("""{"restartTargets":[{"kind":"Deployment","name":"api","namespace":"other"}]}""", "spec.restartTargets[0].namespace: \"other\" is not the ApiKey's namespace \"team-a\"; references across namespaces are refused (rule sameNamespace)")]
    [InlineData("""{"secretName":"other/creds"}""", "spec.secretName: \"other/creds\" points into another namespace; an ApiKey only manages Secrets in its own namespace (rule sameNamespace)")]
    [InlineData("""{"secretTemplate":{"labels":{"app.kubernetes.io/managed-by":"me"}}}""", "spec.secretTemplate.labels[\"app.kubernetes.io/managed-by\"]: is set by the operator and cannot be overridden (rule reservedMetadata)")]
    [InlineData("""{"secretTemplate":{"annotations":{"keyoperator.io/version":"9"}}}""", "spec.secretTemplate.annotations[\"keyoperator.io/version\"]: annotations under keyoperator.io/ are set by the operator (rule reservedMetadata)")]
    public async Task Review_PolicyViolation_DeniedWithFieldPathAndRule(string spec, string message)
    {
        var harness = new ReviewerHarness(s_policy);

        AdmissionVerdict verdict = await harness.ApiKeyAsync(spec);

        Assert.False(verdict.Allowed);
        Assert.Equal(message, verdict.Message);
        Assert.Equal(403, verdict.Code);
        Assert.Equal("Forbidden", verdict.Reason);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"token":{"entropyBits":128,"prefix":"ko_"}}""")]
    [InlineData("""{"hmac":{"bytes":32}}""")]
    [InlineData("""{"hmac":{}}""")]
    [InlineData("""{"rsa":{"bits":4096}}""")]
    [InlineData("""{"rsa":{}}""")]
    [InlineData("""{"rotationPolicyRef":{"name":"p1","namespace":"team-a"},"restartTargets":[{"kind":"Deployment","name":"api"}]}""")]
    [InlineData("""{"secretTemplate":{"labels":{"team":"a"},"annotations":{"owner":"a"}}}""")]
    public async Task Review_WithinPolicy_Allowed(string spec)
    {
        var harness = new ReviewerHarness(s_policy);
        harness.Lookups.RotationPolicies.Add(("team-a", "p1"));

        AdmissionVerdict verdict = await harness.ApiKeyAsync(spec);

        Assert.True(verdict.Allowed, verdict.Message);
        Assert.Empty(verdict.Warnings);
    }

    [Fact]
    public async Task Review_DefaultBelowPolicyFloor_DeniedNamingTheDefault()
    {
        var harness = new ReviewerHarness(new AdmissionPolicy { MinTokenEntropyBits = 512 });

        AdmissionVerdict verdict = await harness.ApiKeyAsync("{}");

        Assert.Equal("spec.token.entropyBits: 256 (the default) is below the cluster minimum of 512 (policy minTokenEntropyBits)", verdict.Message);
    }

    [Fact]
    public async Task Review_SeveralViolations_AllNamedInOneMessage()
    {
        var harness = new ReviewerHarness(s_policy);

        AdmissionVerdict verdict = await harness.ApiKeyAsync("""{"token":{"entropyBits":64},"rotationPolicyRef":{"name":"p","namespace":"x"}}""");

        Assert.Equal(
            "spec.token.entropyBits: 64 is below the cluster minimum of 128 (policy minTokenEntropyBits); " +
            "spec.rotationPolicyRef.namespace: \"x\" is not the ApiKey's namespace \"team-a\"; references across namespaces are refused (rule sameNamespace)",
            verdict.Message);
    }

    [Fact]
    public async Task Review_SecretManagedByAnotherApiKey_Denied()
    {
        var harness = new ReviewerHarness();
        harness.Lookups.SecretOwners[("team-a", "shared")] = "other-key";

        AdmissionVerdict verdict = await harness.ApiKeyAsync("""{"secretName":"shared"}""");

        Assert.False(verdict.Allowed);
        Assert.Equal("spec.secretName: Secret \"shared\" is already managed by ApiKey \"other-key\" (rule uniqueSecretName)", verdict.Message);
    }

    [Fact]
    public async Task Review_DefaultSecretNameTaken_DeniedOnMetadataName()
    {
        var harness = new ReviewerHarness();
        harness.Lookups.SecretOwners[("team-a", "k1")] = "other-key";

        AdmissionVerdict verdict = await harness.ApiKeyAsync("{}");

        Assert.Equal("metadata.name: Secret \"k1\" is already managed by ApiKey \"other-key\" (rule uniqueSecretName)", verdict.Message);
    }

    [Theory]
    [InlineData("team-a")]
    [InlineData("other-ns")]
    public async Task Review_SecretManagedBySameApiKeyOrOtherNamespace_Allowed(string ownerNamespace)
    {
        var harness = new ReviewerHarness();
        harness.Lookups.SecretOwners[(ownerNamespace, "shared")] = ownerNamespace == "team-a" ? "k1" : "other-key";

        AdmissionVerdict verdict = await harness.ApiKeyAsync("""{"secretName":"shared"}""");

        Assert.True(verdict.Allowed, verdict.Message);
    }

    [Fact]
    public async Task Review_RotationPolicyMissing_AdmittedWithWarning()
    {
        var harness = new ReviewerHarness();

        AdmissionVerdict verdict = await harness.ApiKeyAsync("""{"rotationPolicyRef":{"name":"monthly"}}""");

        Assert.True(verdict.Allowed);
        Assert.Equal(
            ["spec.rotationPolicyRef.name: RotationPolicy \"monthly\" does not exist in namespace \"team-a\" yet; the key will not rotate until it does (rule referenceExists)"],
            verdict.Warnings);
    }

    [Fact]
    public async Task Review_PrefixWithoutUnderscore_AdmittedWithWarning()
    {
        var harness = new ReviewerHarness();

        AdmissionVerdict verdict = await harness.ApiKeyAsync("""{"token":{"prefix":"ko"}}""");

        Assert.True(verdict.Allowed);
        Assert.Equal(["spec.token.prefix: \"ko\" should end with \"_\" so the key type stays recognisable (rule prefixConvention)"], verdict.Warnings);
    }

    [Theory]
    [InlineData("prod", true)]
    [InlineData("dev", false)]
    public async Task Review_RequireRotationSelector_DeniesOnlyInMatchingNamespaces(string ns, bool denied)
    {
        var harness = new ReviewerHarness(new AdmissionPolicy
        {
            RequireRotation = new RotationRequirement
            {
                NamespaceSelector = new NamespaceSelector { MatchLabels = new Dictionary<string, string> { ["env"] = "prod" } },
            },
        });
        harness.Lookups.NamespaceLabels["prod"] = new() { ["env"] = "prod" };
        harness.Lookups.NamespaceLabels["dev"] = new() { ["env"] = "dev" };

        AdmissionVerdict verdict = await harness.ApiKeyAsync("{}", ns);

        Assert.Equal(!denied, verdict.Allowed);
        if (denied)
        {
            Assert.Equal("spec.rotationPolicyRef: is required in namespace \"prod\" (policy requireRotation)", verdict.Message);
        }
    }

    [Fact]
    public async Task Review_RequireRotationSatisfied_Allowed()
    {
        var harness = new ReviewerHarness(new AdmissionPolicy { RequireRotation = new RotationRequirement() });
        harness.Lookups.RotationPolicies.Add(("team-a", "monthly"));

        AdmissionVerdict verdict = await harness.ApiKeyAsync("""{"rotationPolicyRef":{"name":"monthly"}}""");

        Assert.True(verdict.Allowed, verdict.Message);
    }

    [Theory]
    [InlineData("""{"token":{"entropyBits":"lots"}}""", "spec.token.entropyBits: must be an integer (schema)")]
    [InlineData("""{"token":"yes"}""", "spec.token: must be an object (schema)")]
    [InlineData("""[1,2]""", "spec: must be an object (schema)")]
    [InlineData("""{"secretName":7}""", "spec.secretName: must be a string (schema)")]
    [InlineData("""{"restartTargets":{"kind":"Deployment"}}""", "spec.restartTargets: must be a list (schema)")]
    public async Task Review_MalformedSpec_DeniedAsBadRequest(string spec, string message)
    {
        var harness = new ReviewerHarness(s_policy);

        AdmissionVerdict verdict = await harness.ApiKeyAsync(spec);

        Assert.False(verdict.Allowed);
        Assert.Equal(message, verdict.Message);
        Assert.Equal(400, verdict.Code);
    }
}
