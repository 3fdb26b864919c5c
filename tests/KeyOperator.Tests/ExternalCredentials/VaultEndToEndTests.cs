// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KeyOperator.Emulators.Vault;
using KeyOperator.Tests.Infrastructure;
using static KeyOperator.Tests.ApiKeys.ApiKeyTestSupport;

namespace KeyOperator.Tests.ExternalCredentials;

/// <summary>
/// ExternalCredential end to end: the real kubectl against the local control plane with the operator, reading from
/// the Vault emulator over HTTPS (trusted through caBundle only). Not portable: the emulator runs in this process.
/// </summary>
public sealed class VaultEndToEndTests(OperatorFixture fixture, VaultEmulatorFixture vaultFixture)
    : IClassFixture<OperatorFixture>, IClassFixture<VaultEmulatorFixture>
{
    private VaultEmulator Vault => vaultFixture.Vault;

    [Fact]
    public async Task Apply_TokenAuth_SyncsSecretAndShowsColumns()
    {
        string ns = await fixture.CreateNamespaceAsync("xc-sync");
        Vault.Write("secret", $"{ns}/db", new JsonObject { ["user"] = "app", ["password"] = "pw-1" });
        await ApplyTokenSecretAsync(ns, Vault.CreateToken(VaultTokenSpec.ReadAll));

        await ApplyAsync(fixture, Credential(ns, "db", $"      tokenSecretRef: {{name: vault-token, key: token}}\n", $"  data:\n  - secretKey: password\n    remoteRef: {{key: {ns}/db, property: password}}\n  dataFrom:\n  - extract: {{key: {ns}/db}}\n"));
        await WaitReadyAsync(ns, "db");

        V1Secret secret = await GetSecretAsync(fixture, ns, "db");
        Assert.Equal("pw-1", Text(secret, "password"));
        Assert.Equal("app", Text(secret, "user"));
        Assert.Equal("ExternalCredential", Assert.Single(secret.Metadata.OwnerReferences).Kind);
        string table = (await fixture.Kubectl.RunAsync($"get xc -n {ns}")).EnsureSuccess().StandardOutput;
        Assert.Contains("PROVIDER", table, StringComparison.Ordinal);
        Assert.Contains("LAST SYNC", table, StringComparison.Ordinal);
        Assert.Contains("vault", table, StringComparison.Ordinal);
        JsonObject xc = await GetJsonAsync(ns, "db");
        Assert.Equal("1", xc["status"]!["syncedVersion"]!.GetValue<string>());
        Assert.DoesNotContain("pw-1", xc.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourceChanges_SeenWithinOneRefreshWithPreviousKept()
    {
        string ns = await fixture.CreateNamespaceAsync("xc-change");
        Vault.Write("secret", $"{ns}/api", new JsonObject { ["key"] = "v1" });
        await ApplyTokenSecretAsync(ns, Vault.CreateToken(VaultTokenSpec.ReadAll));
        await ApplyAsync(fixture, Credential(ns, "api", "      tokenSecretRef: {name: vault-token, key: token}\n", $"  refreshInterval: 5s\n  target: {{keepPrevious: true}}\n  data:\n  - secretKey: key\n    remoteRef: {{key: {ns}/api, property: key}}\n"));
        await WaitReadyAsync(ns, "api");

        Vault.Write("secret", $"{ns}/api", new JsonObject { ["key"] = "v2" });

        V1Secret secret = await EventuallyAsync(() => GetSecretAsync(fixture, ns, "api"), s => Text(s, "key") == "v2", "the new value within one refresh");
        Assert.Equal("v1", Text(secret, "key.previous"));
    }

    [Fact]
    public async Task Outage_SecretKeptAndReadyFalseWithReason()
    {
        string ns = await fixture.CreateNamespaceAsync("xc-outage");
        Vault.Write("secret", $"{ns}/db", new JsonObject { ["password"] = "kept" });
        await ApplyTokenSecretAsync(ns, Vault.CreateToken(VaultTokenSpec.ReadAll));
        await ApplyAsync(fixture, Credential(ns, "db", "      tokenSecretRef: {name: vault-token, key: token}\n", $"  refreshInterval: 5s\n  data:\n  - secretKey: password\n    remoteRef: {{key: {ns}/db, property: password}}\n"));
        await WaitReadyAsync(ns, "db");

        Vault.InjectFault(VaultFault.Sealed, count: 1000, pathPrefix: $"secret/data/{ns}/");

        JsonObject xc = await EventuallyAsync(() => GetJsonAsync(ns, "db"), o => Reason(o) == "ProviderUnavailable", "Ready False ProviderUnavailable");
        Assert.Equal("False", ReadyStatus(xc));
        Assert.Equal("kept", Text(await GetSecretAsync(fixture, ns, "db"), "password"));
    }

    [Fact]
    public async Task Throttled_RetryAfterHonouredSecretKeptThenRecovers()
    {
        string ns = await fixture.CreateNamespaceAsync("xc-throttle");
        string prefix = $"secret/data/{ns}/";
        Vault.Write("secret", $"{ns}/db", new JsonObject { ["password"] = "kept" });
        await ApplyTokenSecretAsync(ns, Vault.CreateToken(VaultTokenSpec.ReadAll));
        await ApplyAsync(fixture, Credential(ns, "db", "      tokenSecretRef: {name: vault-token, key: token}\n", $"  refreshInterval: 5s\n  data:\n  - secretKey: password\n    remoteRef: {{key: {ns}/db, property: password}}\n"));
        await WaitReadyAsync(ns, "db");
        TimeSpan retryAfter = TimeSpan.FromSeconds(3);

        // Two 429s in a row: the second proves the wait is honoured again after a throttled retry, not only once.
        Vault.InjectFault(VaultFault.Throttled, count: 2, retryAfter: retryAfter, pathPrefix: prefix);

        JsonObject throttled = await EventuallyAsync(() => GetJsonAsync(ns, "db"), o => Reason(o) == "Throttled", "Ready False Throttled");
        Assert.Equal("False", ReadyStatus(throttled));
        Assert.Equal("kept", Text(await GetSecretAsync(fixture, ns, "db"), "password"));
        Vault.Write("secret", $"{ns}/db", new JsonObject { ["password"] = "after" });
        V1Secret recovered = await EventuallyAsync(() => GetSecretAsync(fixture, ns, "db"), s => Text(s, "password") == "after", "the new value once the store answers again");
        JsonObject ready = await EventuallyAsync(() => GetJsonAsync(ns, "db"), o => Reason(o) == "Synced", "Ready True Synced again");
        Assert.Equal("True", ReadyStatus(ready));
        Assert.Equal("after", Text(recovered, "password"));

        // The emulator's own clock: after each 429 the next request for this path came no sooner than Retry-After.
        IReadOnlyList<VaultRequestRecord> log = Vault.RequestLog(prefix);
        int[] throttledAt = [.. Enumerable.Range(0, log.Count).Where(i => log[i].Status == 429)];
        Assert.Equal(2, throttledAt.Length);
        foreach (int i in throttledAt)
        {
            Assert.True(i + 1 < log.Count, "a request followed the 429");
            TimeSpan gap = log[i + 1].At - log[i].At;
            Assert.True(gap >= retryAfter, $"request {i + 1} came {gap.TotalMilliseconds:F0} ms after a 429 with Retry-After {retryAfter.TotalSeconds:F0} s");
        }
    }

    [Fact]
    public async Task ConfirmedDeletion_DeletePolicyRemovesKeyRetainKeepsIt()
    {
        string ns = await fixture.CreateNamespaceAsync("xc-delete");
        Vault.Write("secret", $"{ns}/gone", new JsonObject { ["v"] = "old" });
        Vault.Write("secret", $"{ns}/stays", new JsonObject { ["v"] = "here" });
        await ApplyTokenSecretAsync(ns, Vault.CreateToken(VaultTokenSpec.ReadAll));
        string data = $"  refreshInterval: 5s\n  data:\n  - secretKey: gone\n    remoteRef: {{key: {ns}/gone, property: v}}\n  - secretKey: stays\n    remoteRef: {{key: {ns}/stays, property: v}}\n";
        await ApplyAsync(fixture, Credential(ns, "del", "      tokenSecretRef: {name: vault-token, key: token}\n", data + "  target: {deletionPolicy: Delete}\n"));
        await ApplyAsync(fixture, Credential(ns, "ret", "      tokenSecretRef: {name: vault-token, key: token}\n", data + "  target: {deletionPolicy: Retain}\n"));
        await WaitReadyAsync(ns, "del");
        await WaitReadyAsync(ns, "ret");

        Vault.Delete("secret", $"{ns}/gone");

        await EventuallyAsync(() => GetSecretAsync(fixture, ns, "del"), s => !s.Data!.ContainsKey("gone"), "the confirmed-deleted key removed under Delete");
        JsonObject retained = await EventuallyAsync(() => GetJsonAsync(ns, "ret"), o => Message(o).Contains("confirmed", StringComparison.Ordinal), "Retain to see the confirmed deletion");
        Assert.Equal("NotFound", Reason(retained));
        V1Secret kept = await GetSecretAsync(fixture, ns, "ret");
        Assert.Equal("old", Text(kept, "gone"));
        Assert.Equal("here", Text(await GetSecretAsync(fixture, ns, "del"), "stays"));
    }

    [Fact]
    public async Task Template_RendersKeysOnly()
    {
        string ns = await fixture.CreateNamespaceAsync("xc-template");
        Vault.Write("secret", $"{ns}/db", new JsonObject { ["user"] = "app", ["password"] = "pw" });
        await ApplyTokenSecretAsync(ns, Vault.CreateToken(VaultTokenSpec.ReadAll));
        await ApplyAsync(fixture, Credential(ns, "url", "      tokenSecretRef: {name: vault-token, key: token}\n", $"  dataFrom:\n  - extract: {{key: {ns}/db}}\n  target:\n    template:\n      type: Opaque\n      metadata: {{labels: {{team: a}}}}\n      data:\n        DATABASE_URL: \"postgres://{{{{ .user }}}}:{{{{ .password }}}}@db:5432/app\"\n"));
        await WaitReadyAsync(ns, "url");

        V1Secret secret = await GetSecretAsync(fixture, ns, "url");
        Assert.Equal("postgres://app:pw@db:5432/app", Text(secret, "DATABASE_URL"));
        Assert.Equal("a", secret.Metadata.Labels["team"]);
    }

    [Fact]
    public async Task KubernetesAuth_TokenRequestAndTokenReview_SyncsWithoutStaticCredentials()
    {
        string ns = await fixture.CreateNamespaceAsync("xc-wi");
        Vault.Write("secret", $"{ns}/db", new JsonObject { ["password"] = "via-workload-identity" });
        Vault.AddKubernetesRole("kubernetes", ns, VaultTokenSpec.ReadAll);
        // Vault checks the JWT with a TokenReview against the API server, as its kubernetes auth method does.
        Vault.KubernetesJwtValidator = (jwt, role, _) =>
        {
            var review = fixture.Environment.ControlPlane.ReviewServiceAccountToken(jwt, ["vault"]);
            return Task.FromResult(review.Authenticated && review.Username == $"system:serviceaccount:{role}:app");
        };
        (await fixture.Kubectl.RunAsync($"create serviceaccount app -n {ns}")).EnsureSuccess();

        await ApplyAsync(fixture, Credential(ns, "db", $"      kubernetes: {{mountPath: kubernetes, role: {ns}, serviceAccountRef: {{name: app, audiences: [vault]}}}}\n", $"  data:\n  - secretKey: password\n    remoteRef: {{key: {ns}/db, property: password}}\n"));
        await WaitReadyAsync(ns, "db");

        Assert.Equal("via-workload-identity", Text(await GetSecretAsync(fixture, ns, "db"), "password"));
    }

    [Fact]
    public async Task DataChange_RestartsTargetOnce()
    {
        string ns = await fixture.CreateNamespaceAsync("xc-restart");
        Vault.Write("secret", $"{ns}/db", new JsonObject { ["password"] = "one" });
        await ApplyTokenSecretAsync(ns, Vault.CreateToken(VaultTokenSpec.ReadAll));
        (await fixture.Kubectl.RunAsync($"create deployment api --image=nginx -n {ns}")).EnsureSuccess();
        await ApplyAsync(fixture, Credential(ns, "db", "      tokenSecretRef: {name: vault-token, key: token}\n", $"  refreshInterval: 5s\n  restartTargets: [{{kind: Deployment, name: api}}]\n  data:\n  - secretKey: password\n    remoteRef: {{key: {ns}/db, property: password}}\n"));
        await WaitReadyAsync(ns, "db");
        Assert.Null(await RestartAnnotationAsync(ns));

        Vault.Write("secret", $"{ns}/db", new JsonObject { ["password"] = "two" });

        string? annotation = await EventuallyAsync(() => RestartAnnotationAsync(ns), a => a == "xc.db=2", "one rolling restart for data version 2");
        Assert.Equal("xc.db=2", annotation);
    }

    [Theory]
    [InlineData("http://vault.example:8200", "spec.provider.vault.server", "plain http")]
    [InlineData("not a url", "spec.provider.vault.server", "is not an absolute https:// URL")]
    public async Task Apply_BadProviderBlock_DeniedNamingField(string server, string field, string problem)
    {
        string ns = await fixture.CreateNamespaceAsync("xc-deny");
        string yaml = $"apiVersion: keyoperator.io/v1alpha1\nkind: ExternalCredential\nmetadata:\n  name: bad\n  namespace: {ns}\nspec:\n  provider:\n    vault:\n      server: \"{server}\"\n      auth:\n        tokenSecretRef: {{name: t, key: token}}\n  data:\n  - secretKey: k\n    remoteRef: {{key: a}}\n";

        KubectlResult result = await fixture.Kubectl.RunAsync("apply -f -", yaml);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(field, result.StandardError, StringComparison.Ordinal);
        Assert.Contains(problem, result.StandardError, StringComparison.Ordinal);
    }

    private string Credential(string ns, string name, string authYaml, string restYaml) =>
        $"apiVersion: keyoperator.io/v1alpha1\nkind: ExternalCredential\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  provider:\n    vault:\n      server: {Vault.BaseAddress.ToString().TrimEnd('/')}\n      path: secret\n      caBundle: {vaultFixture.CaBundle}\n      auth:\n  {authYaml}{restYaml}";

    private async Task ApplyTokenSecretAsync(string ns, string token) =>
        (await fixture.Kubectl.RunAsync($"create secret generic vault-token -n {ns} --from-literal=token={token}")).EnsureSuccess();

    private async Task WaitReadyAsync(string ns, string name) =>
        (await fixture.Kubectl.RunAsync($"wait --for=condition=Ready externalcredential/{name} -n {ns} --timeout=60s", timeout: TimeSpan.FromSeconds(90))).EnsureSuccess();

    private async Task<JsonObject> GetJsonAsync(string ns, string name) =>
        JsonNode.Parse((await fixture.Kubectl.RunAsync($"get xc {name} -n {ns} -o json")).EnsureSuccess().StandardOutput)!.AsObject();

    private async Task<string?> RestartAnnotationAsync(string ns)
    {
        V1Deployment deployment = await fixture.Environment.Client.AppsV1.ReadNamespacedDeploymentAsync("api", ns);
        return deployment.Spec.Template.Metadata?.Annotations?.TryGetValue("keyoperator.io/restarted-for", out string? value) == true ? value : null;
    }

    private static JsonNode? Ready(JsonObject o) =>
        o["status"]?["conditions"]?.AsArray().FirstOrDefault(c => c!["type"]!.GetValue<string>() == "Ready");

    private static string? Reason(JsonObject o) => Ready(o)?["reason"]?.GetValue<string>();

    private static string? ReadyStatus(JsonObject o) => Ready(o)?["status"]?.GetValue<string>();

    private static string Message(JsonObject o) => Ready(o)?["message"]?.GetValue<string>() ?? string.Empty;

    private static string? Text(V1Secret secret, string key) =>
        secret.Data?.TryGetValue(key, out byte[]? value) == true ? Encoding.UTF8.GetString(value) : null;
}
