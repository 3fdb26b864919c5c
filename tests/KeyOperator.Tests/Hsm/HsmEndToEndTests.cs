// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using KeyOperator.Operator.Keys;
using KeyOperator.Tests.Infrastructure;
using static KeyOperator.Tests.ApiKeys.ApiKeyTestSupport;

namespace KeyOperator.Tests.Hsm;

/// <summary>ApiKeys derived in SoftHSM2 through `key-operator-local --hsm-config`, driven with the real kubectl.</summary>
public sealed class HsmEndToEndTests(SoftHsmFixture fixture) : IClassFixture<SoftHsmFixture>
{
    [Fact]
    public async Task Apply_TokenFromHsm_SecretDeletedComesBackWithTheSameValue()
    {
        await fixture.EnsurePinSecretAsync();
        string ns = await fixture.CreateNamespaceAsync("hsm-token");
        await ApplyAsync(fixture, ApiKeyYaml(ns, "api", $"  token:\n    prefix: hsm_\n  source:\n    hsm:\n      name: softhsm\n      masterKeyLabel: {SoftHsmFixture.MasterLabel}\n"));
        await WaitReadyAsync(fixture, ns, "api");
        V1Secret first = await GetSecretAsync(fixture, ns, "api");
        string token = Encoding.ASCII.GetString(first.Data!["token"]);
        Assert.True(TokenFormat.Verify(token, "hsm_").IsValid);

        (await fixture.Kubectl.RunAsync($"delete secret api -n {ns}")).EnsureSuccess();
        V1Secret restored = await EventuallyAsync(
            () => GetSecretAsync(fixture, ns, "api"),
            s => s.Metadata.Uid != first.Metadata.Uid,
            "the Secret to be recreated");

        Assert.Equal(token, Encoding.ASCII.GetString(restored.Data!["token"]));
        Assert.Equal("1", VersionOf(restored));
        JsonObject apiKey = await GetApiKeyJsonAsync(fixture, ns, "api");
        Assert.Equal("hsm/softhsm", apiKey["status"]!["keys"]![0]!["source"]!.GetValue<string>());
        Assert.Equal(1, apiKey["status"]!["currentVersion"]!.GetValue<int>());

        using var http = new HttpClient();
        string metrics = await http.GetStringAsync(new Uri(fixture.Environment.MetricsAddress, "/metrics"));
        Assert.Contains("keyoperator_hsm_operations_total{hsm=\"softhsm\",operation=\"derive\",result=\"ok\"}", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain(token, metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_MasterMissing_NotReadyWithHsmKeyMissing()
    {
        await fixture.EnsurePinSecretAsync();
        string ns = await fixture.CreateNamespaceAsync("hsm-missing");
        await ApplyAsync(fixture, ApiKeyYaml(ns, "api", "  hmac: {}\n  source:\n    hsm:\n      name: softhsm\n      masterKeyLabel: absent-master\n"));

        (await fixture.Kubectl.RunAsync($"wait --for=jsonpath={{.status.conditions[?(@.type==\"Ready\")].reason}}=HsmKeyMissing apikey/api -n {ns} --timeout=60s", timeout: TimeSpan.FromSeconds(90))).EnsureSuccess();
        Assert.Null(await TryGetSecretAsync(fixture, ns, "api"));
    }

    [Fact]
    public async Task Apply_NamespaceOutsideSelector_DeniedNamingTheField()
    {
        string ns = await fixture.CreateNamespaceAsync("hsm-denied");

        KubectlResult result = await fixture.Kubectl.RunAsync("apply -f -", ApiKeyYaml(ns, "api", "  hmac: {}\n  source:\n    hsm:\n      name: restricted\n      masterKeyLabel: m\n"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("spec.source.hsm.name: HSM \"restricted\" is not available to namespace", result.StandardError, StringComparison.Ordinal);

        (await fixture.Kubectl.RunAsync($"label namespace {ns} {SoftHsmFixture.AllowedLabel}=allowed")).EnsureSuccess();
        (await fixture.Kubectl.RunAsync("apply -f -", ApiKeyYaml(ns, "api", "  hmac: {}\n  source:\n    hsm:\n      name: restricted\n      masterKeyLabel: " + SoftHsmFixture.MasterLabel + "\n"))).EnsureSuccess();
        await WaitReadyAsync(fixture, ns, "api");
    }
}
