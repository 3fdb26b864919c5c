// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.Operator.Admission.Policy;
using KeyOperator.Operator.Admission.Review;
using KeyOperator.Operator.Tests.Admission.Fakes;

namespace KeyOperator.Operator.Tests.Admission.Review;

public sealed class AdmissionReviewerTests
{
    private static readonly AdmissionPolicy s_policy = new() { MinTokenEntropyBits = 256 };

    [Fact]
    public async Task ReviewAsync_UpdateKeepingAnOldViolation_AdmittedWithWarning()
    {
        var harness = new ReviewerHarness(s_policy);
        JsonObject old = Reviews.ApiKey("""{"token":{"entropyBits":128}}""");
        JsonObject updated = Reviews.ApiKey("""{"token":{"entropyBits":128}}""");
        updated["metadata"]!["annotations"] = new JsonObject { ["keyoperator.io/rotate"] = "now" };

        AdmissionVerdict verdict = await harness.ReviewAsync(Reviews.Review(updated, "UPDATE", old));

        Assert.True(verdict.Allowed);
        Assert.Equal(
            ["spec.token.entropyBits: 128 is below the cluster minimum of 256 (policy minTokenEntropyBits) - admitted because the object already broke this rule before this update"],
            verdict.Warnings);
    }

    [Fact]
    public async Task ReviewAsync_UpdateIntroducingAViolation_Denied()
    {
        var harness = new ReviewerHarness(s_policy);

        AdmissionVerdict verdict = await harness.ReviewAsync(Reviews.Review(
            Reviews.ApiKey("""{"token":{"entropyBits":128}}"""), "UPDATE", Reviews.ApiKey("""{"token":{"entropyBits":256}}""")));

        Assert.False(verdict.Allowed);
        Assert.Equal("spec.token.entropyBits: 128 is below the cluster minimum of 256 (policy minTokenEntropyBits)", verdict.Message);
    }

    [Fact]
    public async Task ReviewAsync_UpdateOfObjectBeingDeleted_Allowed()
    {
        var harness = new ReviewerHarness(s_policy);
        JsonObject obj = Reviews.ApiKey("""{"token":{"entropyBits":64}}""");
        obj["metadata"]!["deletionTimestamp"] = "2026-11-22T10:00:00Z";

        AdmissionVerdict verdict = await harness.ReviewAsync(Reviews.Review(obj, "UPDATE", Reviews.ApiKey("{}")));

        Assert.True(verdict.Allowed);
    }

    [Theory]
    [InlineData("DELETE", true)]
    [InlineData("CONNECT", true)]
    [InlineData("PATCH", false)]
    public async Task ReviewAsync_OtherOperations_AllowedOrDenied(string operation, bool allowed)
    {
        var harness = new ReviewerHarness(s_policy);

        AdmissionVerdict verdict = await harness.ReviewAsync(Reviews.Review(Reviews.ApiKey("""{"token":{"entropyBits":1}}"""), operation));

        Assert.Equal(allowed, verdict.Allowed);
    }

    [Fact]
    public async Task ReviewAsync_DryRun_SameAnswerAsRealRequest()
    {
        var harness = new ReviewerHarness(s_policy);

        AdmissionVerdict verdict = await harness.ReviewAsync(Reviews.Review(Reviews.ApiKey("""{"token":{"entropyBits":64}}"""), dryRun: true));

        Assert.Equal("spec.token.entropyBits: 64 is below the cluster minimum of 256 (policy minTokenEntropyBits)", verdict.Message);
    }

    [Fact]
    public async Task ReviewAsync_UnknownKindOnRoute_Denied()
    {
        var harness = new ReviewerHarness();

        AdmissionVerdict verdict = await harness.ReviewAsync(Reviews.Review(Reviews.ApiKey("{}")), routeKind: "secret");

        Assert.False(verdict.Allowed);
        Assert.Equal("this webhook does not serve secret.v1alpha1.keyoperator.io", verdict.Message);
    }

    [Fact]
    public async Task ReviewAsync_RequestKindDiffersFromRoute_Denied()
    {
        var harness = new ReviewerHarness();

        AdmissionVerdict verdict = await harness.ReviewAsync(Reviews.Review(Reviews.ApiKey("{}")), routeKind: "rotationpolicy");

        Assert.False(verdict.Allowed);
        Assert.Equal("request.kind ApiKey.keyoperator.io does not match the webhook path for RotationPolicy.keyoperator.io", verdict.Message);
    }

    // WebhookEndpoint has no rules beyond its schema yet (ExternalCredential's are in ExternalCredentialValidatorTests).
    [Theory]
    [InlineData("WebhookEndpoint")]
    public async Task ReviewAsync_OtherOwnKinds_Allowed(string kind)
    {
        var harness = new ReviewerHarness(s_policy);

        AdmissionVerdict verdict = await harness.ReviewAsync(Reviews.Review(Reviews.Object(kind, """{"anything":1}""", "x", "team-a")));

        Assert.True(verdict.Allowed, verdict.Message);
    }

    [Fact]
    public async Task ReviewAsync_ObjectMissing_DeniedAsBadRequest()
    {
        var harness = new ReviewerHarness();
        JsonObject review = Reviews.Review(Reviews.ApiKey("{}"));
        review["request"]!["object"] = 42;

        AdmissionVerdict verdict = await harness.ReviewAsync(review);

        Assert.Equal(400, verdict.Code);
        Assert.Equal("request.object: missing or not a JSON object", verdict.Message);
    }

    [Fact]
    public async Task ReviewAsync_LookupFails_DeniedAsUnavailableWithoutThrowing()
    {
        var harness = new ReviewerHarness();
        harness.Lookups.Failure = new InvalidOperationException("informer not synced");

        AdmissionVerdict verdict = await harness.ApiKeyAsync("{}");

        Assert.False(verdict.Allowed);
        Assert.Equal(503, verdict.Code);
        Assert.Equal("the admission policy could not be evaluated; retry shortly", verdict.Message);
    }
}
