// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using KeyOperator.Tests.Infrastructure;
using static KeyOperator.Tests.ApiKeys.ApiKeyTestSupport;

namespace KeyOperator.Tests.ApiKeys;

/// <summary>People and tools touch Secrets: deletion, hand edits, name clashes and spec changes are all repaired or reported.</summary>
[Trait("Cluster", "Any")]
public sealed class ApiKeyDriftTests(PortableOperatorFixture fixture) : IClassFixture<PortableOperatorFixture>
{
    [Fact]
    public async Task DeleteSecret_OwnedSecret_RecreatedWithNewVersionAndWarningEvent()
    {
        string ns = await fixture.CreateNamespaceAsync("deleted");
        await ApplyAsync(fixture, ApiKeyYaml(ns, "api", "  token: {}\n"));
        await WaitReadyAsync(fixture, ns, "api");
        V1Secret first = await GetSecretAsync(fixture, ns, "api");

        (await fixture.Kubectl.RunAsync($"delete secret api -n {ns}")).EnsureSuccess();

        V1Secret? second = await EventuallyAsync(() => TryGetSecretAsync(fixture, ns, "api"), s => s is not null && VersionOf(s) == "2", "the Secret to be recreated as version 2");
        Assert.NotEqual(first.Data!["token"], second!.Data!["token"]);
        JsonObject apiKey = await EventuallyAsync(() => GetApiKeyJsonAsync(fixture, ns, "api"), a => a["status"]?["currentVersion"]?.GetValue<int>() == 2, "status version 2");
        Assert.Equal(second.Metadata.Annotations!["keyoperator.io/fingerprint"], apiKey["status"]!["fingerprint"]!.GetValue<string>());
        string events = await EventuallyAsync(() => EventsAsync(fixture, ns), e => e.Contains("SecretRecreated", StringComparison.Ordinal), "a SecretRecreated event");
        Assert.Contains("\"Warning\"", events, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditSecretData_FingerprintMismatch_TreatedAsCompromiseAndRegenerated()
    {
        string ns = await fixture.CreateNamespaceAsync("tamper");
        await ApplyAsync(fixture, ApiKeyYaml(ns, "api", "  hmac: {}\n"));
        await WaitReadyAsync(fixture, ns, "api");

        string forged = Convert.ToBase64String(Encoding.ASCII.GetBytes("attacker-chosen-value-0123456789"));
        (await fixture.Kubectl.RunAsync($"patch secret api -n {ns} --type=merge -p {{\"data\":{{\"secret\":\"{forged}\"}}}}")).EnsureSuccess();

        V1Secret repaired = await EventuallyAsync(() => GetSecretAsync(fixture, ns, "api"), s => VersionOf(s) == "2", "a regenerated version 2");
        Assert.NotEqual(forged, Convert.ToBase64String(repaired.Data!["secret"]));
        Assert.Equal(32, repaired.Data["secret"].Length);
        string events = await EventuallyAsync(() => EventsAsync(fixture, ns), e => e.Contains("SecretTampered", StringComparison.Ordinal), "a SecretTampered event");
        Assert.Contains("\"Warning\"", events, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_ForeignSecretOfSameName_NeverOverwrittenAndReadyFalse()
    {
        string ns = await fixture.CreateNamespaceAsync("foreign");
        (await fixture.Kubectl.RunAsync("apply -f -", $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: taken\n  namespace: {ns}\nstringData:\n  token: somebody-elses-value\n")).EnsureSuccess();

        await ApplyAsync(fixture, ApiKeyYaml(ns, "api", "  secretName: taken\n"));

        JsonObject apiKey = await EventuallyAsync(
            () => GetApiKeyJsonAsync(fixture, ns, "api"),
            a => a["status"]?["conditions"]?.AsArray().Any(c => c!["type"]!.GetValue<string>() == "Ready") == true,
            "a Ready condition");
        JsonNode ready = apiKey["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "Ready")!;
        Assert.Equal("False", ready["status"]!.GetValue<string>());
        Assert.Equal("SecretConflict", ready["reason"]!.GetValue<string>());
        V1Secret untouched = await GetSecretAsync(fixture, ns, "taken");
        Assert.Equal("somebody-elses-value", Encoding.UTF8.GetString(untouched.Data!["token"]));
        Assert.Null(untouched.Metadata.OwnerReferences);
    }

    [Fact]
    public async Task Apply_ForeignSecretWithAdoptOptIn_TakenOver()
    {
        string ns = await fixture.CreateNamespaceAsync("adopt");
        (await fixture.Kubectl.RunAsync("apply -f -", $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: legacy\n  namespace: {ns}\nstringData:\n  token: old-hand-made-value\n")).EnsureSuccess();

        await ApplyAsync(fixture, ApiKeyYaml(ns, "api", "  secretName: legacy\n  adoptExistingSecret: true\n"));
        await WaitReadyAsync(fixture, ns, "api");

        V1Secret adopted = await GetSecretAsync(fixture, ns, "legacy");
        Assert.StartsWith("ko_", Encoding.ASCII.GetString(adopted.Data!["token"]), StringComparison.Ordinal);
        Assert.Contains(adopted.Metadata.OwnerReferences!, o => o.Controller == true && o.Kind == "ApiKey");
    }

    [Fact]
    public async Task ChangeSpec_LongerToken_NewVersionWithNewParameters()
    {
        string ns = await fixture.CreateNamespaceAsync("respec");
        await ApplyAsync(fixture, ApiKeyYaml(ns, "api", "  token:\n    entropyBits: 128\n"));
        await WaitReadyAsync(fixture, ns, "api");

        await ApplyAsync(fixture, ApiKeyYaml(ns, "api", "  token:\n    entropyBits: 512\n"));

        V1Secret secret = await EventuallyAsync(() => GetSecretAsync(fixture, ns, "api"), s => VersionOf(s) == "2", "version 2 after the spec change");
        Assert.Equal("ko_".Length + Operator.Keys.TokenFormat.BodyLength(512) + 6, secret.Data!["token"].Length);
    }

    [Fact]
    public async Task DeleteApiKey_OwnedSecretAndVerifier_GarbageCollected()
    {
        string ns = await fixture.CreateNamespaceAsync("gc");
        await ApplyAsync(fixture, ApiKeyYaml(ns, "api", "  verifier: {}\n"));
        await WaitReadyAsync(fixture, ns, "api");
        await EventuallyAsync(() => TryGetConfigMapAsync(fixture, ns, "api-verifier"), c => c is not null, "the verifier ConfigMap");

        (await fixture.Kubectl.RunAsync($"delete apikey api -n {ns}")).EnsureSuccess();

        await EventuallyAsync(() => TryGetSecretAsync(fixture, ns, "api"), s => s is null, "the Secret to be garbage collected");
        await EventuallyAsync(() => TryGetConfigMapAsync(fixture, ns, "api-verifier"), c => c is null, "the verifier ConfigMap to be garbage collected");
    }

    [Fact]
    public async Task Apply_WithVerifier_ConfigMapHoldsDigestNotToken()
    {
        string ns = await fixture.CreateNamespaceAsync("verifier");
        await ApplyAsync(fixture, ApiKeyYaml(ns, "api", "  verifier:\n    configMapName: api-digests\n"));
        await WaitReadyAsync(fixture, ns, "api");

        V1Secret secret = await GetSecretAsync(fixture, ns, "api");
        V1ConfigMap verifier = (await EventuallyAsync(() => TryGetConfigMapAsync(fixture, ns, "api-digests"), c => c is not null, "the verifier ConfigMap"))!;
        string keys = verifier.Data!["keys.json"];
        string digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(secret.Data!["token"]));
        Assert.Contains(digest, keys, StringComparison.Ordinal);
        Assert.DoesNotContain(Encoding.ASCII.GetString(secret.Data["token"]), keys, StringComparison.Ordinal);
    }
}
