// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using k8s.Models;
using KeyOperator.Tests.Infrastructure;
using static KeyOperator.Tests.ApiKeys.ApiKeyTestSupport;
using static KeyOperator.Tests.Rotation.RotationTestSupport;

namespace KeyOperator.Tests.Rotation;

/// <summary>What the operator's own downtime and restarts do to keys and workloads: missed rotations happen once,
/// and a restarted operator restarts nobody's pods.</summary>
/// <remarks>The class has its own control plane and operator, because these tests stop and start the operator.</remarks>
public sealed class RotationOperatorRestartTests(OperatorFixture fixture) : IClassFixture<OperatorFixture>
{
    [Fact]
    public async Task OperatorDownThroughSeveralDueTimes_RotatesOnceAfterStart_ScheduleCountsFromThere()
    {
        string ns = await fixture.CreateNamespaceAsync("downtime");
        await ApplyAsync(fixture, PolicyYaml(ns, "fast", "  schedule:\n    every: 6s\n  strategy: Immediate\n"));
        await ApplyAsync(fixture, ApiKeyYaml(ns, "api", "  rotationPolicyRef:\n    name: fast\n"));
        await EventuallyAsync(() => GetApiKeyJsonAsync(fixture, ns, "api"), a => a["status"]?["nextRotationTime"] is not null, "the first schedule");

        await fixture.Environment.StopOperatorAsync();
        JsonObject before = await GetApiKeyJsonAsync(fixture, ns, "api");
        int version = CurrentVersion(before);
        DateTimeOffset due = before["status"]!["nextRotationTime"]!.GetValue<DateTimeOffset>();

        // Down through at least two due times (6 s apart) before coming back.
        while (DateTimeOffset.UtcNow < due.AddSeconds(13))
        {
            await Task.Delay(500);
        }

        await using SecretHistory history = await SecretHistory.StartAsync(fixture.Environment.Client);
        DateTimeOffset started = DateTimeOffset.UtcNow;
        await fixture.Environment.StartOperatorAsync(CancellationToken.None);

        JsonObject after = await EventuallyAsync(() => GetApiKeyJsonAsync(fixture, ns, "api"), a => CurrentVersion(a) > version, "the missed rotation");
        Assert.Equal(version + 1, CurrentVersion(after));
        DateTimeOffset last = after["status"]!["lastRotationTime"]!.GetValue<DateTimeOffset>();
        DateTimeOffset next = after["status"]!["nextRotationTime"]!.GetValue<DateTimeOffset>();
        Assert.True(last >= started.AddSeconds(-1), $"the catch-up rotation at {last:O} must come after the start at {started:O}");
        Assert.Equal(TimeSpan.FromSeconds(6), next - last);
        Assert.All(history.Of(ns, "api"), s => Assert.InRange(Version(s), version, version + 1));
    }

    [Fact]
    public async Task OperatorRestarted_DuringGracePeriod_WorkloadsAndKeysUntouched()
    {
        string ns = await CreateKeyRestartingWebAsync(fixture, "failover");
        await AnnotateAsync(fixture, ns, "api", "keyoperator.io/rotate", "once");
        // Without a policy the previous key stays for the default grace period (1 h): the rotation rests mid-way.
        await EventuallyAsync(() => GetApiKeyJsonAsync(fixture, ns, "api"), a => Phase(a) == "RestartsTriggered", "the restart step");
        JsonObject deployment = await GetObjectJsonAsync(fixture, "deployment", ns, "web");
        V1Secret secret = await GetSecretAsync(fixture, ns, "api");

        await fixture.Environment.StopOperatorAsync();
        await fixture.Environment.StartOperatorAsync(CancellationToken.None);

        // The new operator has reconciled the key once it exports the key's schedule gauge.
        using HttpClient http = new();
        await EventuallyAsync(
            () => http.GetStringAsync(new Uri(fixture.Environment.MetricsAddress, "/metrics")),
            m => m.Contains($"keyoperator_key_next_rotation_timestamp_seconds{{namespace=\"{ns}\",apikey=\"api\"}}", StringComparison.Ordinal),
            "the new operator to reconcile the key");
        JsonObject deploymentAfter = await GetObjectJsonAsync(fixture, "deployment", ns, "web");
        Assert.Equal(deployment["metadata"]!["generation"]!.GetValue<long>(), deploymentAfter["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal(deployment["metadata"]!["resourceVersion"]!.GetValue<string>(), deploymentAfter["metadata"]!["resourceVersion"]!.GetValue<string>());
        V1Secret secretAfter = await GetSecretAsync(fixture, ns, "api");
        Assert.Equal(secret.Metadata.ResourceVersion, secretAfter.Metadata.ResourceVersion);
        Assert.NotNull(Text(secretAfter, "token.previous"));
    }
}
