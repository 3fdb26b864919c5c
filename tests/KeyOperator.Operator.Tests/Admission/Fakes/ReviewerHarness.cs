// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using System.Text.Json.Nodes;
using KeyOperator.Operator.Admission;
using KeyOperator.Operator.Admission.Policy;
using KeyOperator.Operator.Admission.Review;
using KeyOperator.Operator.Admission.Validation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KeyOperator.Operator.Tests.Admission.Fakes;

/// <summary>The reviewer with every validator, fake lookups and a chosen policy; feeds it serialized reviews.</summary>
internal sealed class ReviewerHarness
{
    public ReviewerHarness(AdmissionPolicy? policy = null, KeyOperator.Operator.Hsm.HsmCatalog? hsms = null)
    {
        Policy = policy ?? AdmissionPolicy.Empty;
        Reviewer = new AdmissionReviewer(
            [
                new ApiKeyValidator(Lookups, Lookups, Lookups, hsms),
                new RotationPolicyValidator(),
                new ExternalCredentialValidator(),
                new StructuralValidator(AdmissionKinds.WebhookEndpoint),
            ],
            new DelegatingPolicyProvider(this),
            Options.Create(new AdmissionOptions()),
            TimeProvider.System,
            NullLogger<AdmissionReviewer>.Instance);
    }

    public FakeLookups Lookups { get; } = new();

    public AdmissionPolicy Policy { get; set; }

    public AdmissionReviewer Reviewer { get; }

    public async Task<AdmissionVerdict> ReviewAsync(JsonObject review, string? routeKind = null)
    {
        Assert.True(AdmissionReviewReader.TryRead(Encoding.UTF8.GetBytes(review.ToJsonString()), out AdmissionRequest? request, out string error), error);
        return await Reviewer.ReviewAsync("keyoperator.io", "v1alpha1", routeKind ?? request!.Kind.ToLowerInvariant(), request!, CancellationToken.None);
    }

    public Task<AdmissionVerdict> ApiKeyAsync(string spec, string ns = "team-a") => ReviewAsync(Reviews.Review(Reviews.ApiKey(spec, ns: ns)));

    public Task<AdmissionVerdict> RotationPolicyAsync(string spec) => ReviewAsync(Reviews.Review(Reviews.RotationPolicy(spec)));

    private sealed class DelegatingPolicyProvider(ReviewerHarness harness) : IAdmissionPolicyProvider
    {
        public AdmissionPolicy Current => harness.Policy;
    }
}
