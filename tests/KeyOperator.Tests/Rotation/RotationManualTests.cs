// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using k8s.Models;
using KeyOperator.Tests.Infrastructure;
using static KeyOperator.Tests.ApiKeys.ApiKeyTestSupport;
using static KeyOperator.Tests.Rotation.RotationTestSupport;

namespace KeyOperator.Tests.Rotation;

/// <summary>Rotation on request (annotation and CLI), early revocation, and workload restarts, end to end.</summary>
[Trait("Cluster", "Any")]
public sealed class RotationManualTests(PortableOperatorFixture fixture) : IClassFixture<PortableOperatorFixture>
{
    [Fact]
    public async Task RotateAnnotation_EachNewValueRotatesOnce_SameValueAgainDoesNothing()
    {
        string ns = await fixture.CreateNamespaceAsync("manual");
        await ApplyAsync(fixture, ApiKeyYaml(ns, "api", "  token: {}\n"));
        await WaitReadyAsync(fixture, ns, "api");
        string first = Text(await GetSecretAsync(fixture, ns, "api"), "token")!;

        await AnnotateAsync(fixture, ns, "api", "keyoperator.io/rotate", "one");
        JsonObject rotated = await EventuallyAsync(() => GetApiKeyJsonAsync(fixture, ns, "api"), a => a["status"]?["lastRotateAnnotation"]?.GetValue<string>() == "one", "the rotation for value one");
        Assert.Equal(2, CurrentVersion(rotated));
        V1Secret second = await GetSecretAsync(fixture, ns, "api");
        Assert.Equal(first, Text(second, "token.previous"));

        // GitOps re-applies the same manifest: the value was handled, so nothing rotates.
        await ApplyAsync(fixture, ApiKeyYaml(ns, "api", "  token: {}\n").Replace("  namespace:", "  annotations:\n    keyoperator.io/rotate: one\n  namespace:", StringComparison.Ordinal));
        await WaitForSettledReconcileAsync(fixture, ns, "api");
        Assert.Equal(2, Version(await GetSecretAsync(fixture, ns, "api")));
        Assert.Equal(2, CurrentVersion(await GetApiKeyJsonAsync(fixture, ns, "api")));

        await AnnotateAsync(fixture, ns, "api", "keyoperator.io/rotate", "two");
        await EventuallyAsync(() => GetApiKeyJsonAsync(fixture, ns, "api"), a => CurrentVersion(a) == 3 && a["status"]?["lastRotateAnnotation"]?.GetValue<string>() == "two", "the rotation for value two");
        V1Secret third = await GetSecretAsync(fixture, ns, "api");
        Assert.Equal(3, Version(third));
        Assert.Equal(Text(second, "token"), Text(third, "token.previous"));

        using HttpClient http = new();
        string metrics = await http.GetStringAsync(new Uri(fixture.Environment.MetricsAddress, "/metrics"));
        Assert.Contains("keyoperator_rotations_total{result=\"success\"}", metrics, StringComparison.Ordinal);
        Assert.Contains($"keyoperator_key_next_rotation_timestamp_seconds{{namespace=\"{ns}\",apikey=\"api\"}} 0", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain(Text(third, "token")!, metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithRotateAnnotation_FirstKeySatisfiesItNoRotation()
    {
        string ns = await fixture.CreateNamespaceAsync("preset");
        await ApplyAsync(fixture, ApiKeyYaml(ns, "api", "  token: {}\n").Replace("  namespace:", "  annotations:\n    keyoperator.io/rotate: from-git\n  namespace:", StringComparison.Ordinal));
        await WaitReadyAsync(fixture, ns, "api");

        JsonObject apiKey = await EventuallyAsync(() => GetApiKeyJsonAsync(fixture, ns, "api"), a => a["status"]?["lastRotateAnnotation"] is not null, "the annotation to be recorded");
        Assert.Equal("from-git", apiKey["status"]!["lastRotateAnnotation"]!.GetValue<string>());
        await WaitForSettledReconcileAsync(fixture, ns, "api");
        Assert.Equal(1, Version(await GetSecretAsync(fixture, ns, "api")));
    }

    [Fact]
    public async Task Cli_RotateThenRevokePrevious_RotatesAndDropsPreviousKey()
    {
        string ns = await fixture.CreateNamespaceAsync("cli");
        await ApplyAsync(fixture, ApiKeyYaml(ns, "api", "  basicAuth:\n    username: svc\n"));
        await WaitReadyAsync(fixture, ns, "api");
        string kubeconfig = fixture.Environment.KubeconfigPath;

        Assert.Equal(0, await RunCliAsync("rotate", "-n", ns, "api", "--kubeconfig", kubeconfig));
        V1Secret rotated = await EventuallyAsync(() => GetSecretAsync(fixture, ns, "api"), s => Version(s) == 2 && Text(s, "password.previous") is not null, "the rotation to version 2");
        Assert.Equal("svc", Text(rotated, "username.previous"));

        Assert.Equal(0, await RunCliAsync("revoke-previous", "-n", ns, "--all", "--kubeconfig", kubeconfig));
        V1Secret revoked = await EventuallyAsync(() => GetSecretAsync(fixture, ns, "api"), s => Text(s, "password.previous") is null, "the previous key to be removed");
        Assert.Equal(Text(rotated, "password"), Text(revoked, "password"));
        JsonObject apiKey = await EventuallyAsync(
            () => GetApiKeyJsonAsync(fixture, ns, "api"),
            a => a["status"]?["keys"]?.AsArray().Any(k => k!["version"]!.GetValue<int>() == 1 && k["state"]!.GetValue<string>() == "Retired") == true,
            "version 1 retired in status");
        Assert.Equal(2, CurrentVersion(apiKey));
    }

    [Theory]
    [InlineData(2, "rotate")]
    [InlineData(2, "rotate --all -l app=x")]
    [InlineData(1, "rotate does-not-exist")]
    public async Task Cli_BadUsageOrMissingObject_ExitCode(int expected, string arguments)
    {
        string ns = await fixture.CreateNamespaceAsync("cliexit");
        string[] args = [.. arguments.Split(' '), "-n", ns, "--kubeconfig", fixture.Environment.KubeconfigPath];
        Assert.Equal(expected, await RunCliAsync(args));
    }

    [Fact]
    public async Task RestartTargets_PodTemplateAnnotatedOncePerRotation()
    {
        string ns = await CreateKeyRestartingWebAsync(fixture, "restart");

        await AnnotateAsync(fixture, ns, "api", "keyoperator.io/rotate", "one");
        JsonObject first = await EventuallyAsync(() => GetObjectJsonAsync(fixture, "deployment", ns, "web"), d => RestartedFor(d) == "api=2", "the restart for version 2");
        Assert.Equal(2, first["metadata"]!["generation"]!.GetValue<long>());

        await AnnotateAsync(fixture, ns, "api", "keyoperator.io/rotate", "two");
        await EventuallyAsync(() => GetObjectJsonAsync(fixture, "deployment", ns, "web"), d => RestartedFor(d) == "api=3", "the restart for version 3");
        JsonObject apiKey = await EventuallyAsync(
            () => GetApiKeyJsonAsync(fixture, ns, "api"),
            PastRestartStep,
            "the restart step to be recorded");
        Assert.Equal("web", apiKey["status"]!["rotation"]!["restarts"]![0]!["name"]!.GetValue<string>());

        // Reconciles keep coming (spec edits, status writes); none restarts again.
        await WaitForSettledReconcileAsync(fixture, ns, "api");
        Assert.Equal(3, (await GetObjectJsonAsync(fixture, "deployment", ns, "web"))["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task RestartTargets_SixKeysRotatedTogether_WorkloadRestartedOnce()
    {
        // More keys than the controller has workers, so some of them start only after others reached their restart.
        string ns = await fixture.CreateNamespaceAsync("together");
        string[] names = [.. Enumerable.Range(1, 6).Select(i => $"api-{i}")];
        await ApplyAsync(fixture, DeploymentYaml(ns, "web"));
        await ApplyAsync(fixture, string.Join("---\n", names.Select(name => ApiKeyYaml(ns, name, "  restartTargets:\n  - kind: Deployment\n    name: web\n"))));
        foreach (string name in names)
        {
            await WaitReadyAsync(fixture, ns, name);
        }

        Assert.Equal(0, await RunCliAsync("rotate", "-n", ns, "--all", "--kubeconfig", fixture.Environment.KubeconfigPath));

        foreach (string name in names)
        {
            await EventuallyAsync(
                () => GetApiKeyJsonAsync(fixture, ns, name),
                a => CurrentVersion(a) == 2 && PastRestartStep(a),
                $"{name} to pass its restart step");
        }

        JsonObject deployment = await GetObjectJsonAsync(fixture, "deployment", ns, "web");
        Assert.Equal(string.Join(",", names.Select(n => n + "=2")), RestartedFor(deployment));
        Assert.Equal(2, deployment["metadata"]!["generation"]!.GetValue<long>());
    }

    private static string? RestartedFor(JsonObject workload) =>
        workload["spec"]?["template"]?["metadata"]?["annotations"]?["keyoperator.io/restarted-for"]?.GetValue<string>();
}
