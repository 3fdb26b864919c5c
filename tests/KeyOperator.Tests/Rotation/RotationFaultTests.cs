// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using k8s.Models;
using KeyOperator.Tests.Infrastructure;
using static KeyOperator.Tests.ApiKeys.ApiKeyTestSupport;
using static KeyOperator.Tests.Rotation.RotationTestSupport;

namespace KeyOperator.Tests.Rotation;

/// <summary>
/// Writes that fail mid-rotation (injected by the control plane): the rotation resumes, the Secret is never empty,
/// the previous key is kept, and exactly one new version appears.
/// </summary>
public sealed class RotationFaultTests(OperatorFixture fixture) : IClassFixture<OperatorFixture>
{
    [Fact]
    public async Task SecretWriteFailsOnce_RotationResumes_InvariantsHold()
    {
        string ns = await fixture.CreateNamespaceAsync("secretfault");
        await ApplyAsync(fixture, ApiKeyYaml(ns, "api", "  token: {}\n"));
        await WaitReadyAsync(fixture, ns, "api");
        string first = Text(await GetSecretAsync(fixture, ns, "api"), "token")!;

        fixture.Environment.ControlPlane.Faults.FailNext(1, 500, verb: "update", resource: "secrets", @namespace: ns, name: "api");
        IReadOnlyCollection<V1Secret> seen = await WatchSecretWhileAsync(ns, async () =>
        {
            await AnnotateAsync(fixture, ns, "api", "keyoperator.io/rotate", "after-fault");
            await EventuallyAsync(() => GetApiKeyJsonAsync(fixture, ns, "api"), a => a["status"]?["lastRotateAnnotation"]?.GetValue<string>() == "after-fault", "the rotation to commit");
        });

        AssertInvariants(seen, first);
        string events = await EventuallyAsync(() => EventsAsync(fixture, ns), e => e.Contains("RotationFailed", StringComparison.Ordinal), "a RotationFailed event");
        Assert.Contains("Rotated", events, StringComparison.Ordinal);
        await AssertOneNewVersionAsync(ns);
    }

    [Fact]
    public async Task StatusSecretAndRestartWritesFail_RotationResumes_RestartedOnce()
    {
        string ns = await fixture.CreateNamespaceAsync("statusfault");
        await ApplyAsync(fixture, DeploymentYaml(ns, "web"));
        await ApplyAsync(fixture, ApiKeyYaml(ns, "api", "  token: {}\n  restartTargets:\n  - kind: Deployment\n    name: web\n"));
        await WaitReadyAsync(fixture, ns, "api");
        string first = Text(await GetSecretAsync(fixture, ns, "api"), "token")!;

        fixture.Environment.ControlPlane.Faults.FailNext(2, 500, verb: "update", resource: "apikeys", @namespace: ns, name: "api");
        fixture.Environment.ControlPlane.Faults.FailNext(1, 500, verb: "update", resource: "secrets", @namespace: ns, name: "api");
        fixture.Environment.ControlPlane.Faults.FailNext(1, 500, verb: "patch", resource: "deployments", @namespace: ns, name: "web");
        IReadOnlyCollection<V1Secret> seen = await WatchSecretWhileAsync(ns, async () =>
        {
            await AnnotateAsync(fixture, ns, "api", "keyoperator.io/rotate", "faulty");
            await EventuallyAsync(
                () => GetApiKeyJsonAsync(fixture, ns, "api"),
                a => PastRestartStep(a) && CurrentVersion(a) == 2,
                "the rotation to pass its restart step");
        });

        AssertInvariants(seen, first);
        JsonObject deployment = await GetObjectJsonAsync(fixture, "deployment", ns, "web");
        Assert.Equal("api=2", deployment["spec"]!["template"]!["metadata"]!["annotations"]!["keyoperator.io/restarted-for"]!.GetValue<string>());
        Assert.Equal(2, deployment["metadata"]!["generation"]!.GetValue<long>());
        await AssertOneNewVersionAsync(ns);
    }

    // Every version of the Secret the test saw holds a token; version 2 always keeps version 1 as previous until retired.
    private static void AssertInvariants(IReadOnlyCollection<V1Secret> seen, string first)
    {
        Assert.NotEmpty(seen);
        foreach (V1Secret secret in seen)
        {
            Assert.False(string.IsNullOrEmpty(Text(secret, "token")), "the Secret was seen without a current token");
            Assert.InRange(Version(secret), 1, 2);
            if (Version(secret) == 1)
            {
                Assert.Equal(first, Text(secret, "token"));
            }
            else
            {
                Assert.Equal(first, Text(secret, "token.previous"));
            }
        }

        Assert.Contains(seen, s => Version(s) == 2);
    }

    private async Task AssertOneNewVersionAsync(string ns)
    {
        JsonObject apiKey = await GetApiKeyJsonAsync(fixture, ns, "api");
        Assert.Equal(2, CurrentVersion(apiKey));
        int[] versions = [.. apiKey["status"]!["keys"]!.AsArray().Select(k => k!["version"]!.GetValue<int>()).Order()];
        Assert.Equal([1, 2], versions);
        V1Secret secret = await GetSecretAsync(fixture, ns, "api");
        Assert.Equal(apiKey["status"]!["fingerprint"]!.GetValue<string>(), secret.Metadata.Annotations!["keyoperator.io/fingerprint"]);
    }

    // Samples the Secret until the action completes, so intermediate states are checked too, not only the end state.
    private async Task<IReadOnlyCollection<V1Secret>> WatchSecretWhileAsync(string ns, Func<Task> action)
    {
        ConcurrentQueue<V1Secret> seen = new();
        using CancellationTokenSource stop = new();
        Task sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                seen.Enqueue(await GetSecretAsync(fixture, ns, "api"));
                await Task.Delay(50);
            }
        });
        try
        {
            await action();
        }
        finally
        {
            await stop.CancelAsync();
            await sampler;
        }

        seen.Enqueue(await GetSecretAsync(fixture, ns, "api"));
        return seen;
    }
}
