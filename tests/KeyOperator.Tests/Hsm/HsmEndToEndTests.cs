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

    [Fact]
    public async Task Apply_EcdsaPairInHsm_SecretHoldsOnlyPublicPartsAndDeletionDestroysThePair()
    {
        await fixture.EnsurePinSecretAsync();
        string ns = await fixture.CreateNamespaceAsync("hsm-pair");
        await ApplyAsync(fixture, ApiKeyYaml(ns, "signer", "  ecdsa:\n    curve: P-256\n  source:\n    hsm:\n      name: softhsm\n"));
        await WaitReadyAsync(fixture, ns, "signer");

        V1Secret secret = await GetSecretAsync(fixture, ns, "signer");
        Assert.Equal(["jwks.json", "pkcs11-uri", "public.pem"], secret.Data!.Keys.Order(StringComparer.Ordinal));
        string label = $"keyoperator/{ns}/signer/v1";
        Assert.StartsWith($"pkcs11:token=keyoperator-e2e;object={Uri.EscapeDataString(label).Replace("%2F", "%2f", StringComparison.Ordinal)};id=%", Encoding.UTF8.GetString(secret.Data["pkcs11-uri"]), StringComparison.Ordinal);
        JsonObject apiKey = await GetApiKeyJsonAsync(fixture, ns, "signer");
        Assert.Contains("keyoperator.io/hsm-keys", apiKey["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Contains("label:      " + label + "\n", ListObjects(), StringComparison.Ordinal);

        // kubectl delete waits until the object is gone, i.e. until the finalizer has destroyed the pair.
        (await fixture.Kubectl.RunAsync($"delete apikey signer -n {ns} --timeout=60s", timeout: TimeSpan.FromSeconds(90))).EnsureSuccess();

        Assert.DoesNotContain("label:      " + label + "\n", ListObjects(), StringComparison.Ordinal);
    }

    private static string ListObjects()
    {
        var start = new System.Diagnostics.ProcessStartInfo("pkcs11-tool") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in (string[])["--module", SoftHsmFixture.ModulePath, "--token-label", "keyoperator-e2e", "--login", "--pin", SoftHsmFixture.Pin, "-O"])
        {
            start.ArgumentList.Add(arg);
        }

        using System.Diagnostics.Process process = System.Diagnostics.Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
        return output;
    }
}
