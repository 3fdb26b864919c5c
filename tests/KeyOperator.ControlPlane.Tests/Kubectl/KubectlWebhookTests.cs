// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Tests.Webhooks;

namespace KeyOperator.ControlPlane.Tests.Kubectl;

/// <summary>Webhook denials and warnings as the real kubectl prints them.</summary>
public sealed class KubectlWebhookTests
{
    private static async Task<(TestWebhookServer Server, TestPlane Plane, KubectlRunner Kubectl)> StartAsync()
    {
        var server = await TestWebhookServer.StartAsync();
        server.Handlers["/cm"] = review =>
        {
            var size = review["request"]!["object"]?["data"]?["size"]?.GetValue<string>();
            var status = new JsonObject { ["code"] = 403, ["reason"] = "Forbidden", ["message"] = "size S is not allowed in demo" };
            return Task.FromResult(size == "S"
                ? TestWebhookServer.Review(review, false, status)
                : TestWebhookServer.Review(review, true, null, "size \"M\" is deprecated"));
        };
        server.Handlers["/plain"] = review => Task.FromResult(
            review["request"]!["object"]?["data"]?["size"]?.GetValue<string>() == "XS"
                ? TestWebhookServer.Review(review, false, new JsonObject { ["message"] = "size XS is not allowed" })
                : TestWebhookServer.Review(review, true));
        var plane = await TestPlane.StartAsync();
        var hooks = string.Join(",", new[] { ("cm", "cm.example.com"), ("plain", "plain.example.com") }.Select(h =>
            $$"""{"name":"{{h.Item2}}","clientConfig":{"url":"{{server.Url("/" + h.Item1)}}","caBundle":"{{server.CaBundle}}"},"rules":[{"operations":["CREATE","UPDATE"],"apiGroups":[""],"apiVersions":["v1"],"resources":["configmaps"]}],"sideEffects":"None","admissionReviewVersions":["v1"]}"""));
        await plane.CreateAsync(
            "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations",
            $$"""{"metadata":{"name":"demo"},"webhooks":[{{hooks}}]}""");
        return (server, plane, await KubectlRunner.CreateAsync(plane.Plane));
    }

    private static string ConfigMap(string size) => $"""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: cm1
          namespace: default
        data:
          size: {size}
        """;

    [Fact]
    public async Task KubectlApply_WebhookDenies_PrintsServerErrorWithReason()
    {
        var (server, plane, kubectl) = await StartAsync();
        await using var s = server;
        await using var p = plane;
        using var k = kubectl;

        var file = kubectl.WriteFile("cm.yaml", ConfigMap("S"));
        var apply = await kubectl.RunAsync("apply", "-f", file);
        var serverSide = await kubectl.RunAsync("apply", "--server-side", "-f", file);

        Assert.Equal(1, apply.ExitCode);
        Assert.Equal(
            $"Error from server (Forbidden): error when creating \"{file}\": admission webhook \"cm.example.com\" denied the request: size S is not allowed in demo\n",
            apply.Stderr);
        Assert.Equal("Error from server (Forbidden): admission webhook \"cm.example.com\" denied the request: size S is not allowed in demo\n", serverSide.Stderr);
    }

    [Fact]
    public async Task KubectlApplyAndPatch_WebhookWarnsThenDeniesWithoutReason_PrintsWarningAndPlainError()
    {
        var (server, plane, kubectl) = await StartAsync();
        await using var s = server;
        await using var p = plane;
        using var k = kubectl;

        var apply = await kubectl.RunAsync("apply", "-f", kubectl.WriteFile("cm.yaml", ConfigMap("M")));
        var patch = await kubectl.RunAsync("patch", "configmap", "cm1", "--type=merge", "-p", """{"data":{"size":"XS"}}""");
        var dryRun = await kubectl.RunAsync("apply", "--dry-run=server", "-f", kubectl.WriteFile("cm2.yaml", ConfigMap("L")));

        Assert.True(apply.ExitCode == 0, apply.Stderr);
        Assert.Equal("configmap/cm1 created\n", apply.Stdout);
        Assert.Equal("Warning: size \"M\" is deprecated\n", apply.Stderr);
        Assert.Equal(1, patch.ExitCode);
        Assert.Equal("Warning: size \"M\" is deprecated\nError from server: admission webhook \"plain.example.com\" denied the request: size XS is not allowed\n", patch.Stderr);
        Assert.True(dryRun.ExitCode == 0, dryRun.Stderr);
        Assert.Contains("configmap/cm1 configured (server dry run)", dryRun.Stdout, StringComparison.Ordinal);
    }
}
