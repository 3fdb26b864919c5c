// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KeyOperator.Cli;
using k8s.Models;
using KeyOperator.Tests.Infrastructure;
using static KeyOperator.Tests.ApiKeys.ApiKeyTestSupport;

namespace KeyOperator.Tests.Rotation;

/// <summary>Steps the rotation end-to-end tests share: policies, Secret values, conditions, the CLI.</summary>
internal static class RotationTestSupport
{
    public static string PolicyYaml(string ns, string name, string specYaml) =>
        $"apiVersion: keyoperator.io/v1alpha1\nkind: RotationPolicy\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n{specYaml}";

    public static string? Text(V1Secret secret, string key) =>
        secret.Data is not null && secret.Data.TryGetValue(key, out byte[]? value) ? Encoding.UTF8.GetString(value) : null;

    public static int Version(V1Secret secret) =>
        int.TryParse(Annotation(secret, "keyoperator.io/version"), out int version) ? version : 0;

    public static string Sha256Hex(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    public static JsonNode? Condition(JsonObject apiKey, string type) =>
        apiKey["status"]?["conditions"]?.AsArray().FirstOrDefault(c => c?["type"]?.GetValue<string>() == type);

    public static string? ConditionStatus(JsonObject obj, string type) => Condition(obj, type)?["status"]?.GetValue<string>();

    public static string? ConditionReason(JsonObject obj, string type) => Condition(obj, type)?["reason"]?.GetValue<string>();

    /// <summary>The recorded rotation step (status.rotation.phase), or null before the first rotation.</summary>
    public static string? Phase(JsonObject apiKey) => apiKey["status"]?["rotation"]?["phase"]?.GetValue<string>();

    /// <summary>True once the rotation has recorded its restarts (or gone further).</summary>
    public static bool PastRestartStep(JsonObject apiKey) => Phase(apiKey) is "RestartsTriggered" or "PreviousRetired" or "Done";

    public static int CurrentVersion(JsonObject apiKey) => apiKey["status"]?["currentVersion"]?.GetValue<int>() ?? 0;

    /// <summary>A new namespace with Deployment <c>web</c> and a Ready ApiKey <c>api</c> that restarts it; returns the namespace.</summary>
    public static async Task<string> CreateKeyRestartingWebAsync(OperatorFixture fixture, string namespacePrefix)
    {
        string ns = await fixture.CreateNamespaceAsync(namespacePrefix);
        await ApplyAsync(fixture, DeploymentYaml(ns, "web"));
        await ApplyAsync(fixture, ApiKeyYaml(ns, "api", "  restartTargets:\n  - kind: Deployment\n    name: web\n"));
        await WaitReadyAsync(fixture, ns, "api");
        return ns;
    }

    public static async Task<JsonObject> GetObjectJsonAsync(OperatorFixture fixture, string resource, string ns, string name)
    {
        KubectlResult result = (await fixture.Kubectl.RunAsync($"get {resource} {name} -n {ns} -o json")).EnsureSuccess();
        return JsonNode.Parse(result.StandardOutput)!.AsObject();
    }

    /// <summary>
    /// Returns once the operator has finished every reconcile of the ApiKey that saw what was applied before the call: the
    /// positive signal after which a test may assert that something did not happen. Two spec changes are made whose
    /// only effect is a label on the Secret. A key is never reconciled twice at once, so the second change is reconciled
    /// only after the pass that reconciled the first has ended; once its label is on the Secret, that earlier pass,
    /// which saw everything applied before this call, is complete, rotation steps included.
    /// </summary>
    public static async Task WaitForSettledReconcileAsync(OperatorFixture fixture, string ns, string name, string? secretName = null)
    {
        foreach (string step in new[] { "first", "second" })
        {
            string marker = step + "-" + Guid.NewGuid().ToString("N")[..8];
            string patch = "{\"spec\":{\"secretTemplate\":{\"labels\":{\"e2e-settled\":\"" + marker + "\"}}}}";
            (await fixture.Kubectl.RunAsync($"patch apikey {name} -n {ns} --type merge --patch-file /dev/stdin", patch)).EnsureSuccess();
            await EventuallyAsync(
                () => GetSecretAsync(fixture, ns, secretName ?? name),
                s => s.Metadata.Labels?.TryGetValue("e2e-settled", out string? value) == true && value == marker,
                "a reconcile that saw the " + step + " settle marker");
        }
    }

    public static Task AnnotateAsync(OperatorFixture fixture, string ns, string name, string annotation, string value) =>
        fixture.Kubectl.RunAsync($"annotate apikey {name} -n {ns} {annotation}={value} --overwrite").ContinueWith(t => t.Result.EnsureSuccess(), TaskScheduler.Default);

    /// <summary>Runs a key-operator command in-process, as the binary would, against the fixture's kubeconfig.</summary>
    public static Task<int> RunCliAsync(params string[] args)
    {
        RootCommand root = new("test") { RotateCommand.Create(), RevokePreviousCommand.Create() };
        return root.Parse(args).InvokeAsync();
    }

    public static string DeploymentYaml(string ns, string name) =>
        $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: {name}
          template:
            metadata:
              labels:
                app: {name}
            spec:
              containers:
              - name: app
                image: example.invalid/app:1
        """;
}
