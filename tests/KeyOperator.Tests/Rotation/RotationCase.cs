// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ControlPlane;
using k8s.Models;
using KeyOperator.Tests.Infrastructure;
using static KeyOperator.Tests.ApiKeys.ApiKeyTestSupport;
using static KeyOperator.Tests.Rotation.RotationTestSupport;

namespace KeyOperator.Tests.Rotation;

/// <summary>
/// One ApiKey in its own namespace, set up so that a rotation exercises every step: a policy with the given
/// strategy, a verifier ConfigMap and a Deployment to restart. Used to break a rotation at each of its writes.
/// </summary>
internal sealed class RotationCase
{
    private readonly OperatorFixture _fixture;

    private RotationCase(OperatorFixture fixture, string ns, string firstToken)
    {
        _fixture = fixture;
        Namespace = ns;
        FirstToken = firstToken;
    }

    public string Namespace { get; }

    /// <summary>The token of version 1, which must survive until the rotation retires it.</summary>
    public string FirstToken { get; }

    /// <summary>
    /// The operator's writes that make up a rotation: to the ApiKey, its Secret, its verifier ConfigMap and the
    /// restarted Deployment. Events and the leader Lease are not steps; the test's own kubectl is another client.
    /// </summary>
    public FaultTarget OperatorWrites => FaultTarget.Writes(Namespace, "apikeys", "secrets", "configmaps", "deployments") with { UserAgentPrefix = "keyoperator" };

    public static async Task<RotationCase> PrepareAsync(OperatorFixture fixture, string strategy)
    {
        string ns = await fixture.CreateNamespaceAsync("crash-" + strategy.ToLowerInvariant()[..4]);
        string grace = strategy == "Overlapping" ? "  gracePeriod: 2s\n" : string.Empty;
        await ApplyAsync(fixture, PolicyYaml(ns, "hourly", $"  schedule:\n    every: 1h\n  strategy: {strategy}\n{grace}"));
        await ApplyAsync(fixture, DeploymentYaml(ns, "web"));
        await ApplyAsync(fixture, ApiKeyYaml(ns, "api", "  rotationPolicyRef:\n    name: hourly\n  verifier: {}\n  restartTargets:\n  - kind: Deployment\n    name: web\n"));
        await WaitReadyAsync(fixture, ns, "api");

        // The first reconcile ends with the schedule in status; after that the operator has nothing left to write.
        await EventuallyAsync(() => GetApiKeyJsonAsync(fixture, ns, "api"), a => a["status"]?["nextRotationTime"] is not null, "the schedule to be recorded");
        await EventuallyAsync(() => TryGetConfigMapAsync(fixture, ns, "api-verifier"), c => c is not null, "the verifier ConfigMap");
        string first = Text(await GetSecretAsync(fixture, ns, "api"), "token")!;
        return new RotationCase(fixture, ns, first);
    }

    public Task RequestRotationAsync() => AnnotateAsync(_fixture, Namespace, "api", "keyoperator.io/rotate", "crash-test");

    /// <summary>Waits until version 2 is current everywhere and version 1 is retired everywhere.</summary>
    public async Task WaitCompletedAsync()
    {
        await EventuallyAsync(
            () => GetApiKeyJsonAsync(_fixture, Namespace, "api"),
            a => Phase(a) == "Done" && CurrentVersion(a) == 2,
            $"the rotation in {Namespace} to finish");
        await EventuallyAsync(
            () => TryGetConfigMapAsync(_fixture, Namespace, "api-verifier"),
            c => c?.Data?["keys.json"].Contains(Sha256Hex(FirstToken), StringComparison.Ordinal) == false,
            $"the verifier ConfigMap in {Namespace} to drop version 1");
    }

    /// <summary>
    /// The end state of exactly one rotation, and every Secret version written on the way: never empty, version 1
    /// kept (as current, then as previous) until retired, one version 2 only.
    /// </summary>
    public async Task AssertRotatedOnceAsync(IReadOnlyList<V1Secret> history)
    {
        Assert.NotEmpty(history);
        string? second = null;
        bool retired = false;
        foreach (V1Secret secret in history)
        {
            string? token = Text(secret, "token");
            Assert.False(string.IsNullOrEmpty(token), $"{Namespace}: a Secret version without a current token");
            int version = Version(secret);
            Assert.InRange(version, 1, 2);
            string? previous = Text(secret, "token.previous");
            if (version == 1)
            {
                Assert.True(second is null, $"{Namespace}: the Secret went back to version 1");
                Assert.Equal(FirstToken, token);
                continue;
            }

            if (second is null)
            {
                // The write that publishes the new key must keep the old one beside it.
                Assert.True(previous == FirstToken, $"{Namespace}: version 2 was published without version 1 under .previous");
                second = token;
            }

            Assert.True(second == token, $"{Namespace}: a second, different version 2 was published");
            if (previous is null)
            {
                retired = true;
            }
            else
            {
                Assert.False(retired, $"{Namespace}: .previous came back after retirement");
                Assert.Equal(FirstToken, previous);
            }
        }

        // Retirement is the last step, so a version 2 without .previous may only follow ones with it.
        V1Secret final = await GetSecretAsync(_fixture, Namespace, "api");
        Assert.Equal(2, Version(final));
        Assert.Equal(second ?? Text(final, "token"), Text(final, "token"));
        Assert.Null(Text(final, "token.previous"));

        JsonObject apiKey = await GetApiKeyJsonAsync(_fixture, Namespace, "api");
        Assert.Equal(2, CurrentVersion(apiKey));
        Assert.Equal(apiKey["status"]!["fingerprint"]!.GetValue<string>(), final.Metadata.Annotations!["keyoperator.io/fingerprint"]);
        string[] keys = [.. apiKey["status"]!["keys"]!.AsArray().Select(k => $"{k!["version"]}:{k["state"]}").Order()];
        Assert.Equal(["1:Retired", "2:Current"], keys);

        V1ConfigMap verifier = (await TryGetConfigMapAsync(_fixture, Namespace, "api-verifier"))!;
        Assert.Contains(Sha256Hex(Text(final, "token")!), verifier.Data!["keys.json"], StringComparison.Ordinal);

        // Restarted exactly once, for version 2: one template change means generation 2.
        JsonObject deployment = await GetObjectJsonAsync(_fixture, "deployment", Namespace, "web");
        Assert.Equal("api=2", deployment["spec"]!["template"]!["metadata"]!["annotations"]!["keyoperator.io/restarted-for"]!.GetValue<string>());
        Assert.Equal(2, deployment["metadata"]!["generation"]!.GetValue<long>());
    }
}
