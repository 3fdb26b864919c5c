// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using k8s.Models;
using KeyOperator.Tests.Infrastructure;
using static KeyOperator.Tests.ApiKeys.ApiKeyTestSupport;
using static KeyOperator.Tests.Rotation.RotationTestSupport;

namespace KeyOperator.Tests.Rotation;

/// <summary>
/// Scheduled rotation through a RotationPolicy, end to end: the fixture's operator runs with a 5-second minimum
/// interval, so "every: 6s" policies rotate within seconds.
/// </summary>
[Trait("Cluster", "Any")]
public sealed class RotationScheduleTests(PortableOperatorFixture fixture) : IClassFixture<PortableOperatorFixture>
{
    [Fact]
    public async Task EveryPolicy_Overlapping_RotatesRepeatedlyKeepingPreviousUntilGraceEnds()
    {
        string ns = await fixture.CreateNamespaceAsync("overlap");
        await ApplyAsync(fixture, PolicyYaml(ns, "fast", "  schedule:\n    every: 6s\n  strategy: Overlapping\n  gracePeriod: 3s\n"));
        await ApplyAsync(fixture, ApiKeyYaml(ns, "api", "  rotationPolicyRef:\n    name: fast\n  verifier: {}\n"));
        await WaitReadyAsync(fixture, ns, "api");
        string first = Text(await GetSecretAsync(fixture, ns, "api"), "token")!;

        V1Secret second = await EventuallyAsync(() => GetSecretAsync(fixture, ns, "api"), s => Version(s) >= 2, "the first scheduled rotation");
        Assert.Equal(2, Version(second));
        string secondToken = Text(second, "token")!;
        Assert.NotEqual(first, secondToken);
        Assert.Equal(first, Text(second, "token.previous"));

        // Verifiers accept both keys during the grace period, and only the new one after it.
        V1ConfigMap overlap = (await EventuallyAsync(
            () => TryGetConfigMapAsync(fixture, ns, "api-verifier"),
            c => c?.Data?["keys.json"].Contains(Sha256Hex(secondToken), StringComparison.Ordinal) == true,
            "the verifier ConfigMap to publish version 2"))!;
        Assert.Contains(Sha256Hex(first), overlap.Data!["keys.json"], StringComparison.Ordinal);
        V1Secret retired = await EventuallyAsync(() => GetSecretAsync(fixture, ns, "api"), s => Text(s, "token.previous") is null, "the grace period to end");
        Assert.Equal(secondToken, Text(retired, "token"));
        await EventuallyAsync(
            () => TryGetConfigMapAsync(fixture, ns, "api-verifier"),
            c => c?.Data?["keys.json"].Contains(Sha256Hex(first), StringComparison.Ordinal) == false,
            "the verifier ConfigMap to drop version 1");

        V1Secret third = await EventuallyAsync(() => GetSecretAsync(fixture, ns, "api"), s => Version(s) >= 3, "the second scheduled rotation");
        if (Version(third) == 3 && Text(third, "token.previous") is { } previous)
        {
            Assert.Equal(secondToken, previous);
        }

        JsonObject apiKey = await EventuallyAsync(() => GetApiKeyJsonAsync(fixture, ns, "api"), a => CurrentVersion(a) >= 3, "status version 3");
        Assert.Equal("True", ConditionStatus(apiKey, "RotationPolicyReady"));
        DateTimeOffset next = apiKey["status"]!["nextRotationTime"]!.GetValue<DateTimeOffset>();
        DateTimeOffset last = apiKey["status"]!["lastRotationTime"]!.GetValue<DateTimeOffset>();
        Assert.True(next > last, $"next {next} must follow last {last}");
        Assert.Equal(0, next.Millisecond);
        JsonArray keys = apiKey["status"]!["keys"]!.AsArray();
        Assert.Equal("Current", keys[0]!["state"]!.GetValue<string>());
        Assert.Equal(keys[0]!["createdAt"]!.GetValue<string>(), apiKey["status"]!["lastRotationTime"]!.GetValue<string>());
        string events = await EventuallyAsync(() => EventsAsync(fixture, ns), e => e.Contains("PreviousKeyRetired", StringComparison.Ordinal), "a PreviousKeyRetired event");
        Assert.Contains("Rotated", events, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EcdsaKey_Overlapping_JwksInSecretAndVerifierListBothKeysUntilGraceEnds()
    {
        string ns = await fixture.CreateNamespaceAsync("jwks");
        await ApplyAsync(fixture, PolicyYaml(ns, "hourly", "  schedule:\n    every: 1h\n  strategy: Overlapping\n  gracePeriod: 4s\n"));
        await ApplyAsync(fixture, ApiKeyYaml(ns, "signer", "  ecdsa: {}\n  verifier: {}\n  rotationPolicyRef:\n    name: hourly\n"));
        await WaitReadyAsync(fixture, ns, "signer");
        await EventuallyAsync(() => GetApiKeyJsonAsync(fixture, ns, "signer"), a => a["status"]?["nextRotationTime"] is not null, "the schedule");
        string table = (await fixture.Kubectl.RunAsync($"get apikey signer -n {ns}")).EnsureSuccess().StandardOutput;
        Assert.Contains("NEXT ROTATION", table, StringComparison.Ordinal);
        string first = Assert.Single(Kids(Text(await GetSecretAsync(fixture, ns, "signer"), "jwks.json")));

        await AnnotateAsync(fixture, ns, "signer", "keyoperator.io/rotate", "now");
        V1Secret overlap = await EventuallyAsync(() => GetSecretAsync(fixture, ns, "signer"), s => Version(s) == 2, "version 2");
        string[] both = Kids(Text(overlap, "jwks.json"));
        Assert.Equal(2, both.Length);
        Assert.Equal(first, both[1]);
        Assert.NotNull(Text(overlap, "private.pem.previous"));
        await EventuallyAsync(() => TryGetConfigMapAsync(fixture, ns, "signer-verifier"), c => c?.Data?["jwks.json"] is { } j && Kids(j).SequenceEqual(both), "the verifier to publish both keys");

        V1Secret retired = await EventuallyAsync(() => GetSecretAsync(fixture, ns, "signer"), s => Text(s, "private.pem.previous") is null, "the grace period to end");
        Assert.Equal([both[0]], Kids(Text(retired, "jwks.json")));
        await EventuallyAsync(() => TryGetConfigMapAsync(fixture, ns, "signer-verifier"), c => c?.Data?["jwks.json"] is { } j && Kids(j).SequenceEqual([both[0]]), "the verifier to drop the old key");
    }

    private static string[] Kids(string? jwks) =>
        [.. JsonNode.Parse(jwks ?? "{}")!["keys"]?.AsArray().Select(k => k!["kid"]!.GetValue<string>()) ?? []];

    [Fact]
    public async Task EveryPolicy_Immediate_OldKeyDroppedAtOnce()
    {
        string ns = await fixture.CreateNamespaceAsync("immediate");
        await ApplyAsync(fixture, PolicyYaml(ns, "now", "  schedule:\n    every: 5s\n  strategy: Immediate\n"));
        await ApplyAsync(fixture, ApiKeyYaml(ns, "api", "  hmac: {}\n  rotationPolicyRef:\n    name: now\n"));
        await WaitReadyAsync(fixture, ns, "api");

        JsonObject apiKey = await EventuallyAsync(
            () => GetApiKeyJsonAsync(fixture, ns, "api"),
            a => a["status"]?["keys"]?.AsArray().Any(k => k!["version"]!.GetValue<int>() == 1 && k["state"]!.GetValue<string>() == "Retired") == true,
            "version 1 to be retired");
        Assert.True(CurrentVersion(apiKey) >= 2);
        V1Secret secret = await GetSecretAsync(fixture, ns, "api");
        Assert.DoesNotContain(secret.Data!.Keys, k => k.EndsWith(".previous", StringComparison.Ordinal));
        Assert.Equal(32, secret.Data!["secret"].Length);
    }

    [Fact]
    public async Task MissingPolicy_ReportedThenPickedUpWhenCreated()
    {
        string ns = await fixture.CreateNamespaceAsync("missing");
        await ApplyAsync(fixture, ApiKeyYaml(ns, "api", "  rotationPolicyRef:\n    name: later\n"));
        await WaitReadyAsync(fixture, ns, "api");

        JsonObject waiting = await EventuallyAsync(() => GetApiKeyJsonAsync(fixture, ns, "api"), a => ConditionReason(a, "RotationPolicyReady") == "PolicyNotFound", "PolicyNotFound");
        Assert.Equal("False", ConditionStatus(waiting, "RotationPolicyReady"));
        Assert.Equal("True", ConditionStatus(waiting, "Ready"));
        Assert.Null(waiting["status"]!["nextRotationTime"]);

        await ApplyAsync(fixture, PolicyYaml(ns, "later", "  schedule:\n    every: 5s\n"));
        JsonObject found = await EventuallyAsync(() => GetApiKeyJsonAsync(fixture, ns, "api"), a => ConditionStatus(a, "RotationPolicyReady") == "True", "the policy to be picked up");
        Assert.NotNull(found["status"]!["nextRotationTime"]);
        await EventuallyAsync(() => GetSecretAsync(fixture, ns, "api"), s => Version(s) >= 2, "a rotation by the new policy");
        JsonObject policy = await EventuallyAsync(() => GetObjectJsonAsync(fixture, "rotationpolicy", ns, "later"), p => ConditionStatus(p, "Ready") == "True", "the policy's Ready condition");
        Assert.Equal(1, policy["status"]!["observedGeneration"]!.GetValue<long>());
    }

    [Fact]
    public async Task PolicyDeleted_ReportedAsNotFound_KeyKept()
    {
        // Invalid policies cannot be stored: the admission webhook rejects them with the compiler's message.
        string ns = await fixture.CreateNamespaceAsync("deleted");
        await ApplyAsync(fixture, PolicyYaml(ns, "slow", "  schedule:\n    every: 720h\n"));
        await ApplyAsync(fixture, ApiKeyYaml(ns, "api", "  rotationPolicyRef:\n    name: slow\n"));
        await EventuallyAsync(() => GetApiKeyJsonAsync(fixture, ns, "api"), a => ConditionStatus(a, "RotationPolicyReady") == "True", "the policy in use");

        (await fixture.Kubectl.RunAsync($"delete rotationpolicy slow -n {ns}")).EnsureSuccess();

        JsonObject apiKey = await EventuallyAsync(() => GetApiKeyJsonAsync(fixture, ns, "api"), a => ConditionReason(a, "RotationPolicyReady") == "PolicyNotFound", "PolicyNotFound");
        Assert.Null(apiKey["status"]!["nextRotationTime"]);
        Assert.Equal(1, CurrentVersion(apiKey));
        Assert.Equal("True", ConditionStatus(apiKey, "Ready"));
    }
}
