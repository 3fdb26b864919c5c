// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using KeyOperator.Operator.Admission;
using KeyOperator.Operator.Admission.Policy;
using KeyOperator.Operator.Admission.Review;
using KeyOperator.Operator.Admission.Validation;
using KeyOperator.Operator.Tests.Admission.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KeyOperator.Operator.Tests.Admission.Review;

public sealed class AdmissionReviewerTimeoutTests
{
    [Fact]
    public async Task ReviewAsync_LookupHangsPastBudget_DeniedAsUnavailable()
    {
        var time = new FakeTimeProvider();
        var lookups = new FakeLookups();
        var hanging = new HangingSecretLookup();
        var reviewer = new AdmissionReviewer(
            [new ApiKeyValidator(hanging, lookups, lookups)],
            new StaticAdmissionPolicyProvider(AdmissionPolicy.Empty),
            Options.Create(new AdmissionOptions { EvaluationTimeout = TimeSpan.FromSeconds(4) }),
            time,
            NullLogger<AdmissionReviewer>.Instance);
        Assert.True(AdmissionReviewReader.TryRead(Encoding.UTF8.GetBytes(Reviews.Review(Reviews.ApiKey("{}")).ToJsonString()), out AdmissionRequest? request, out _));

        Task<AdmissionVerdict> pending = reviewer.ReviewAsync("keyoperator.io", "v1alpha1", "apikey", request!, CancellationToken.None);
        await hanging.Entered.Task;
        time.Advance(TimeSpan.FromSeconds(4));
        AdmissionVerdict verdict = await pending;

        Assert.False(verdict.Allowed);
        Assert.Equal(503, verdict.Code);
        Assert.Equal("the admission policy could not be evaluated in time; retry shortly", verdict.Message);
    }

    private sealed class HangingSecretLookup : IManagedSecretLookup
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask<string?> FindOwnerAsync(string namespaceName, string secretName, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return null;
        }
    }
}
