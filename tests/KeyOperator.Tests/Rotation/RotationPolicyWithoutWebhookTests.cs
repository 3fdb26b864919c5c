// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.Tests.Infrastructure;
using static KeyOperator.Tests.ApiKeys.ApiKeyTestSupport;
using static KeyOperator.Tests.Rotation.RotationTestSupport;

namespace KeyOperator.Tests.Rotation;

/// <summary>
/// The controllers' own defence when the admission webhook is not there (not installed yet, or failing open), so an
/// invalid RotationPolicy gets stored: it is reported, not acted on, and the key stays as it is until it is fixed.
/// </summary>
/// <remarks>The class has its own control plane, because it removes the webhook configuration.</remarks>
public sealed class RotationPolicyWithoutWebhookTests(OperatorFixture fixture) : IClassFixture<OperatorFixture>
{
    [Fact]
    public async Task InvalidPolicy_StoredPastAdmission_ReportedOnBothThenPickedUpWhenFixed()
    {
        (await fixture.Kubectl.RunAsync("delete validatingwebhookconfigurations --all")).EnsureSuccess();
        string ns = await fixture.CreateNamespaceAsync("invalid");
        await ApplyAsync(fixture, PolicyYaml(ns, "nightly", "  schedule:\n    cron: \"0 3 * * *\"\n    timeZone: Mars/Olympus_Mons\n"));
        await ApplyAsync(fixture, ApiKeyYaml(ns, "api", "  rotationPolicyRef:\n    name: nightly\n"));
        await WaitReadyAsync(fixture, ns, "api");

        JsonObject invalid = await EventuallyAsync(() => GetApiKeyJsonAsync(fixture, ns, "api"), a => ConditionReason(a, "RotationPolicyReady") == "PolicyInvalid", "PolicyInvalid on the ApiKey");
        Assert.Equal("False", ConditionStatus(invalid, "RotationPolicyReady"));
        Assert.Contains("Mars/Olympus_Mons", Condition(invalid, "RotationPolicyReady")!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("True", ConditionStatus(invalid, "Ready"));
        Assert.Equal(1, CurrentVersion(invalid));
        Assert.Null(invalid["status"]!["nextRotationTime"]);
        JsonObject policy = await EventuallyAsync(() => GetObjectJsonAsync(fixture, "rotationpolicy", ns, "nightly"), p => ConditionStatus(p, "Ready") == "False", "the policy's own Ready=False");
        Assert.Equal("InvalidTimeZone", ConditionReason(policy, "Ready"));

        await ApplyAsync(fixture, PolicyYaml(ns, "nightly", "  schedule:\n    cron: \"0 3 * * *\"\n    timeZone: Europe/Berlin\n"));
        JsonObject fixedKey = await EventuallyAsync(() => GetApiKeyJsonAsync(fixture, ns, "api"), a => ConditionStatus(a, "RotationPolicyReady") == "True", "the fixed policy to be picked up");
        DateTimeOffset next = fixedKey["status"]!["nextRotationTime"]!.GetValue<DateTimeOffset>();
        DateTimeOffset inBerlin = TimeZoneInfo.ConvertTime(next, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        Assert.Equal(3, inBerlin.Hour);
        Assert.Equal(1, CurrentVersion(fixedKey));
        await EventuallyAsync(() => GetObjectJsonAsync(fixture, "rotationpolicy", ns, "nightly"), p => ConditionStatus(p, "Ready") == "True", "the policy's own Ready=True");
    }
}
