// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Admission.Policy;
using KeyOperator.Operator.Admission.Review;
using KeyOperator.Operator.Tests.Admission.Fakes;

namespace KeyOperator.Operator.Tests.Admission.Validation;

public sealed class RotationPolicyValidatorTests
{
    private static readonly AdmissionPolicy s_policy = new()
    {
        MaxRotationInterval = new PolicyDuration(TimeSpan.FromHours(2160), "2160h"),
        MinGracePeriod = new PolicyDuration(TimeSpan.FromHours(1), "1h"),
    };

    [Theory]
    [InlineData("""{"schedule":{"every":"4320h"}}""", "spec.schedule.every: 4320h is above the cluster maximum of 2160h (policy maxRotationInterval)")]
    [InlineData("""{"schedule":{"cron":"0 0 1 1 *"}}""", "spec.schedule.cron: \"0 0 1 1 *\" runs up to 8784h0m0s apart, above the cluster maximum of 2160h (policy maxRotationInterval)")]
    [InlineData("""{"schedule":{"cron":"@yearly"}}""", "spec.schedule.cron: \"@yearly\" runs up to 8784h0m0s apart, above the cluster maximum of 2160h (policy maxRotationInterval)")]
    [InlineData("""{"maxAge":"4320h"}""", "spec.maxAge: 4320h is above the cluster maximum of 2160h and no shorter schedule is set (policy maxRotationInterval)")]
    [InlineData("""{"schedule":{"every":"720h"},"gracePeriod":"30m"}""", "spec.gracePeriod: 30m is below the cluster minimum of 1h (policy minGracePeriod)")]
    [InlineData("""{"schedule":{"every":"1h"}}""", "spec.gracePeriod: 30m0s (the default) is below the cluster minimum of 1h (policy minGracePeriod)")]
    [InlineData("""{"schedule":{"every":"720h"},"strategy":"Immediate"}""", "spec.strategy: Immediate drops the previous key at once, below the cluster minimum grace period of 1h (policy minGracePeriod)")]
    [InlineData("""{"schedule":{"every":"720h"},"strategy":"Sometimes"}""", "spec.strategy: has a value this version does not accept (schema)")]
    [InlineData("""{"schedule":{"every":720}}""", "spec.schedule.every: must be a string (schema)")]
    public async Task Review_PolicyViolation_DeniedWithExactMessage(string spec, string message)
    {
        var harness = new ReviewerHarness(s_policy);

        AdmissionVerdict verdict = await harness.RotationPolicyAsync(spec);

        Assert.False(verdict.Allowed);
        Assert.Equal(message, verdict.Message);
    }

    // These come from RotationPolicyCompiler (shared with the controller); the webhook adds path and rule.
    [Theory]
    [InlineData("""{"schedule":{"every":"720h","cron":"@daily"}}""", "spec.schedule: ", "(rule InvalidSchedule)")]
    [InlineData("""{"schedule":{"every":"30d"}}""", "spec.schedule.every: ", "(rule InvalidDuration)")]
    [InlineData("""{"schedule":{"every":"0s"}}""", "spec.schedule.every: ", "(rule InvalidDuration)")]
    [InlineData("""{"maxAge":"-5m"}""", "spec.maxAge: ", "(rule InvalidDuration)")]
    [InlineData("""{"schedule":{"every":"720h"},"jitter":"soon"}""", "spec.jitter: ", "(rule InvalidDuration)")]
    [InlineData("""{"maxAge":"720h","rotateBefore":"1x"}""", "spec.rotateBefore: ", "(rule InvalidDuration)")]
    [InlineData("""{"schedule":{"cron":"61 * * * *"}}""", "spec.schedule.cron: ", "(rule InvalidSchedule)")]
    [InlineData("""{"schedule":{"cron":"0 0 * *"}}""", "spec.schedule.cron: ", "(rule InvalidSchedule)")]
    [InlineData("""{"schedule":{"cron":"@daily","timeZone":"Mars/Olympus_Mons"}}""", "spec.schedule.timeZone: ", "(rule InvalidTimeZone)")]
    [InlineData("""{}""", "spec.schedule: ", "(rule InvalidSchedule)")]
    [InlineData("""{"schedule":{"cron":"0 0 30 2 *"}}""", "spec.schedule.cron: ", "(rule InvalidSchedule)")]
    public async Task Review_InvalidSpec_DeniedWithFieldPathAndRule(string spec, string start, string end)
    {
        var harness = new ReviewerHarness(s_policy);

        AdmissionVerdict verdict = await harness.RotationPolicyAsync(spec);

        Assert.False(verdict.Allowed);
        Assert.StartsWith(start, verdict.Message, StringComparison.Ordinal);
        Assert.EndsWith(end, verdict.Message, StringComparison.Ordinal);
    }

    // The cron parser's own words reach the user: which field, which item, and why.
    [Theory]
    [InlineData("0 0 * * 8", "spec.schedule.cron: day-of-week: \"8\" is outside 0-7 or runs backwards (rule InvalidSchedule)")]
    [InlineData("0 0 L * *", "spec.schedule.cron: day-of-month: \"L\" is not a number (rule InvalidSchedule)")]
    [InlineData("*/0 * * * *", "spec.schedule.cron: minute: step in \"*/0\" must be a positive number (rule InvalidSchedule)")]
    [InlineData("@every_minute", "spec.schedule.cron: unknown cron macro \"@every_minute\" (use @yearly, @monthly, @weekly, @daily or @hourly; for fixed intervals use spec.schedule.every) (rule InvalidSchedule)")]
    public async Task Review_InvalidCron_DeniedNamingTheField(string cron, string message)
    {
        var harness = new ReviewerHarness(s_policy);

        AdmissionVerdict verdict = await harness.RotationPolicyAsync("""{"schedule":{"cron":"%"}}""".Replace("%", cron, StringComparison.Ordinal));

        Assert.False(verdict.Allowed);
        Assert.Equal(message, verdict.Message);
    }

    [Theory]
    [InlineData("""{"schedule":{"every":"2160h"},"gracePeriod":"1h"}""")]
    [InlineData("""{"schedule":{"every":"720h"},"gracePeriod":"24h","maxAge":"2160h","rotateBefore":"168h","jitter":"10m","strategy":"Overlapping"}""")]
    [InlineData("""{"schedule":{"cron":"0 3 1 * *","timeZone":"Europe/Berlin"}}""")]
    [InlineData("""{"schedule":{"cron":"0 3 * * MON-FRI"}}""")]
    [InlineData("""{"schedule":{"cron":"*/15 * * * *"}}""")]
    [InlineData("""{"maxAge":"2160h"}""")]
    public async Task Review_WithinPolicy_Allowed(string spec)
    {
        var harness = new ReviewerHarness(s_policy);

        AdmissionVerdict verdict = await harness.RotationPolicyAsync(spec);

        Assert.True(verdict.Allowed, verdict.Message);
    }

    [Fact]
    public async Task Review_NoPolicy_LongIntervalsAndImmediateAllowed()
    {
        var harness = new ReviewerHarness();

        AdmissionVerdict verdict = await harness.RotationPolicyAsync("""{"schedule":{"every":"87600h"},"strategy":"Immediate"}""");

        Assert.True(verdict.Allowed, verdict.Message);
    }
}
