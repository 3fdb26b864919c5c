// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Tests.Infrastructure;
using static KeyOperator.Tests.ApiKeys.ApiKeyTestSupport;

namespace KeyOperator.Tests.Admission;

/// <summary>
/// The operator's webhook, called by the local control plane as a real API server calls it, seen through the real
/// kubectl: denials name the field and the rule, soft problems are warnings, and an outage blocks only our kinds.
/// </summary>
public sealed class AdmissionEndToEndTests(PolicyOperatorFixture fixture) : IClassFixture<PolicyOperatorFixture>
{
    private const string Denied = "admission webhook \"apikeys.keyoperator.io\" denied the request: ";

    [Fact]
    public async Task Apply_TokenBelowPolicyEntropy_DeniedWithFieldAndRule()
    {
        string ns = await fixture.CreateNamespaceAsync("weak");

        KubectlResult result = await fixture.Kubectl.RunAsync("apply -f -", ApiKeyYaml(ns, "weak", "  token:\n    entropyBits: 128\n"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(Denied + "spec.token.entropyBits: 128 is below the cluster minimum of 192 (policy minTokenEntropyBits)", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(1, (await fixture.Kubectl.RunAsync($"get apikey weak -n {ns}")).ExitCode);
    }

    [Fact]
    public async Task Apply_FormatNotAllowed_Denied()
    {
        string ns = await fixture.CreateNamespaceAsync("format");

        KubectlResult result = await fixture.Kubectl.RunAsync("apply -f -", ApiKeyYaml(ns, "basic", "  basicAuth:\n    username: u\n"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(Denied + "spec.basicAuth: format basicAuth is not allowed in this cluster", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("(policy allowedFormats)", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_ProductionNamespaceWithoutRotationPolicy_DeniedThenAllowedWithReference()
    {
        string ns = $"prod-{Guid.NewGuid().ToString("N")[..8]}";
        (await fixture.Kubectl.RunAsync("apply -f -", $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {ns}\n  labels:\n    environment: production\n")).EnsureSuccess();

        KubectlResult denied = await fixture.Kubectl.RunAsync("apply -f -", ApiKeyYaml(ns, "api", "  token: {}\n"));
        Assert.Equal(1, denied.ExitCode);
        Assert.Contains(Denied + $"spec.rotationPolicyRef: is required in namespace \"{ns}\" (policy requireRotation)", denied.StandardError, StringComparison.Ordinal);

        // The referenced policy does not exist yet (GitOps may apply it next): admitted with a warning, not denied.
        KubectlResult admitted = await fixture.Kubectl.RunAsync("apply -f -", ApiKeyYaml(ns, "api", "  token: {}\n  rotationPolicyRef:\n    name: monthly\n"));
        admitted.EnsureSuccess();
        Assert.Contains("Warning: ", admitted.StandardError, StringComparison.Ordinal);
        Assert.Contains("monthly", admitted.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_CompliantKey_AdmittedAndReady()
    {
        string ns = await fixture.CreateNamespaceAsync("ok");

        await ApplyAsync(fixture, ApiKeyYaml(ns, "api", "  token:\n    entropyBits: 256\n"));

        await WaitReadyAsync(fixture, ns, "api");
    }

    [Fact]
    public async Task WebhookUnreachable_OwnKindsRefused_OtherKindsUnaffected()
    {
        string ns = await fixture.CreateNamespaceAsync("outage");
        KubectlResult original = (await fixture.Kubectl.RunAsync("get validatingwebhookconfiguration key-operator -o json")).EnsureSuccess();
        try
        {
            // Point every webhook at a closed port: the webhook is "down".
            string json = original.StandardOutput;
            string broken = System.Text.RegularExpressions.Regex.Replace(json, "https://127\\.0\\.0\\.1:[0-9]+/", "https://127.0.0.1:1/");
            Assert.NotEqual(json, broken);
            (await fixture.Kubectl.RunAsync("replace -f -", broken)).EnsureSuccess();

            KubectlResult refused = await fixture.Kubectl.RunAsync("apply -f -", ApiKeyYaml(ns, "api", "  token: {}\n"));
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("failed calling webhook \"apikeys.keyoperator.io\"", refused.StandardError, StringComparison.Ordinal);

            (await fixture.Kubectl.RunAsync("apply -f -", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\n  namespace: {ns}\ndata:\n  a: b\n")).EnsureSuccess();
            (await fixture.Kubectl.RunAsync("apply -f -", $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-secret\n  namespace: {ns}\nstringData:\n  a: b\n")).EnsureSuccess();
        }
        finally
        {
            (await fixture.Kubectl.RunAsync("apply -f -", original.StandardOutput.Replace("\"resourceVersion\"", "\"x-ignored\"", StringComparison.Ordinal))).EnsureSuccess();
        }
    }
}
