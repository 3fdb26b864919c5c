// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using KeyOperator.Emulators.Aws;
using KeyOperator.Tests.Infrastructure;
using static KeyOperator.Tests.ApiKeys.ApiKeyTestSupport;

namespace KeyOperator.Tests.ExternalCredentials;

/// <summary>
/// ExternalCredential end to end: the real kubectl against the local control plane with the operator, reading AWS
/// Secrets Manager from moto over HTTPS (trusted through caBundle only) with SigV4 and IAM enforced. Not portable:
/// moto listens on this machine's loopback.
/// </summary>
public sealed class AwsEndToEndTests(OperatorFixture fixture, MotoServerFixture motoFixture)
    : IClassFixture<OperatorFixture>, IClassFixture<MotoServerFixture>
{
    private MotoServer Moto => motoFixture.Moto;

    private MotoIdentities Identities => Moto.Identities!;

    [Fact]
    public async Task Apply_StaticKeys_SyncsSecretWithVersion()
    {
        string ns = await fixture.CreateNamespaceAsync("xc-aws");
        string version = await Moto.CreateSecretAsync($"{ns}/db", """{"user":"app","password":"pw-1"}""");
        await ApplyKeysAsync(ns, Identities.Reader);

        await ApplyAsync(fixture, Credential(ns, "db", $"  data:\n  - secretKey: password\n    remoteRef: {{key: {ns}/db, property: password}}\n  dataFrom:\n  - extract: {{key: {ns}/db}}\n"));
        await WaitReadyAsync(ns, "db");

        V1Secret secret = await GetSecretAsync(fixture, ns, "db");
        Assert.Equal("pw-1", Text(secret, "password"));
        Assert.Equal("app", Text(secret, "user"));
        JsonObject xc = await GetJsonAsync(ns, "db");
        Assert.Equal("aws", xc["status"]!["provider"]!.GetValue<string>());
        Assert.Contains(version, xc["status"]!["syncedVersion"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("pw-1", xc.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourceChanges_PutSecretValue_SeenWithinOneRefreshWithPreviousKept()
    {
        string ns = await fixture.CreateNamespaceAsync("xc-aws-change");
        await Moto.CreateSecretAsync($"{ns}/api", "v1");
        await ApplyKeysAsync(ns, Identities.Reader);
        await ApplyAsync(fixture, Credential(ns, "api", $"  refreshInterval: 5s\n  target: {{keepPrevious: true}}\n  data:\n  - secretKey: key\n    remoteRef: {{key: {ns}/api}}\n"));
        await WaitReadyAsync(ns, "api");

        await Moto.PutSecretValueAsync($"{ns}/api", "v2");

        V1Secret secret = await EventuallyAsync(() => GetSecretAsync(fixture, ns, "api"), s => Text(s, "key") == "v2", "the new value within one refresh");
        Assert.Equal("v1", Text(secret, "key.previous"));
    }

    [Fact]
    public async Task ConfirmedDeletion_DeletePolicyRemovesKeyRetainKeepsIt()
    {
        string ns = await fixture.CreateNamespaceAsync("xc-aws-delete");
        await Moto.CreateSecretAsync($"{ns}/gone", "old");
        await Moto.CreateSecretAsync($"{ns}/stays", "here");
        await ApplyKeysAsync(ns, Identities.Reader);
        string data = $"  refreshInterval: 5s\n  data:\n  - secretKey: gone\n    remoteRef: {{key: {ns}/gone}}\n  - secretKey: stays\n    remoteRef: {{key: {ns}/stays}}\n";
        await ApplyAsync(fixture, Credential(ns, "del", data + "  target: {deletionPolicy: Delete}\n"));
        await ApplyAsync(fixture, Credential(ns, "ret", data + "  target: {deletionPolicy: Retain}\n"));
        await WaitReadyAsync(ns, "del");
        await WaitReadyAsync(ns, "ret");

        await Moto.DeleteSecretAsync($"{ns}/gone");

        await EventuallyAsync(() => GetSecretAsync(fixture, ns, "del"), s => !s.Data!.ContainsKey("gone"), "the confirmed-deleted key removed under Delete");
        JsonObject retained = await EventuallyAsync(() => GetJsonAsync(ns, "ret"), o => Message(o).Contains("confirmed", StringComparison.Ordinal), "Retain to see the confirmed deletion");
        Assert.Equal("NotFound", Reason(retained));
        Assert.Equal("old", Text(await GetSecretAsync(fixture, ns, "ret"), "gone"));
        Assert.Equal("here", Text(await GetSecretAsync(fixture, ns, "del"), "stays"));
    }

    [Fact]
    public async Task Apply_Role_AssumesRoleAndSyncs()
    {
        string ns = await fixture.CreateNamespaceAsync("xc-aws-role");
        await Moto.CreateSecretAsync($"{ns}/db", "via-role");
        await ApplyKeysAsync(ns, Identities.Assumer);

        await ApplyAsync(fixture, Credential(ns, "db", $"  data:\n  - secretKey: password\n    remoteRef: {{key: {ns}/db}}\n", $"      role: {Identities.RoleArn}\n"));
        await WaitReadyAsync(ns, "db");

        Assert.Equal("via-role", Text(await GetSecretAsync(fixture, ns, "db"), "password"));
    }

    [Fact]
    public async Task Apply_UserWithoutPolicy_ReadyFalseAuthFailed()
    {
        string ns = await fixture.CreateNamespaceAsync("xc-aws-denied");
        await Moto.CreateSecretAsync($"{ns}/db", "never-synced");
        await ApplyKeysAsync(ns, Identities.Nobody);

        await ApplyAsync(fixture, Credential(ns, "db", $"  data:\n  - secretKey: password\n    remoteRef: {{key: {ns}/db}}\n"));

        JsonObject xc = await EventuallyAsync(() => GetJsonAsync(ns, "db"), o => Reason(o) == "AuthFailed", "Ready False AuthFailed");
        Assert.Contains("AccessDenied", Message(xc), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_MalformedRoleArn_DeniedNamingField()
    {
        string ns = await fixture.CreateNamespaceAsync("xc-aws-deny");

        KubectlResult result = await fixture.Kubectl.RunAsync("apply -f -", Credential(ns, "bad", "  data:\n  - secretKey: k\n    remoteRef: {key: a}\n", "      role: arn:aws:iam::12:role/reader\n"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("spec.provider.awsSecretsManager.role", result.StandardError, StringComparison.Ordinal);
        // The CRD schema's pattern answers before the webhook's roleArn rule; either denial names the field.
        Assert.True(
            result.StandardError.Contains("should match", StringComparison.Ordinal) || result.StandardError.Contains("is not an IAM role ARN", StringComparison.Ordinal),
            result.StandardError);
    }

    private string Credential(string ns, string name, string restYaml, string roleYaml = "") =>
        $"apiVersion: keyoperator.io/v1alpha1\nkind: ExternalCredential\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  provider:\n    awsSecretsManager:\n      region: us-east-1\n      endpoint: {Moto.Endpoint.ToString().TrimEnd('/')}\n      stsEndpoint: {Moto.Endpoint.ToString().TrimEnd('/')}\n      caBundle: {motoFixture.CaBundle}\n{roleYaml}      auth:\n        secretRef:\n          accessKeyIDSecretRef: {{name: aws, key: access-key-id}}\n          secretAccessKeySecretRef: {{name: aws, key: secret-access-key}}\n{restYaml}";

    private async Task ApplyKeysAsync(string ns, MotoAccessKey key) =>
        (await fixture.Kubectl.RunAsync($"create secret generic aws -n {ns} --from-literal=access-key-id={key.AccessKeyId} --from-literal=secret-access-key={key.SecretAccessKey}")).EnsureSuccess();

    private async Task WaitReadyAsync(string ns, string name) =>
        (await fixture.Kubectl.RunAsync($"wait --for=condition=Ready externalcredential/{name} -n {ns} --timeout=60s", timeout: TimeSpan.FromSeconds(90))).EnsureSuccess();

    private async Task<JsonObject> GetJsonAsync(string ns, string name) =>
        JsonNode.Parse((await fixture.Kubectl.RunAsync($"get xc {name} -n {ns} -o json")).EnsureSuccess().StandardOutput)!.AsObject();

    private static JsonNode? Ready(JsonObject o) =>
        o["status"]?["conditions"]?.AsArray().FirstOrDefault(c => c!["type"]!.GetValue<string>() == "Ready");

    private static string? Reason(JsonObject o) => Ready(o)?["reason"]?.GetValue<string>();

    private static string Message(JsonObject o) => Ready(o)?["message"]?.GetValue<string>() ?? string.Empty;

    private static string? Text(V1Secret secret, string key) =>
        secret.Data?.TryGetValue(key, out byte[]? value) == true ? Encoding.UTF8.GetString(value) : null;
}
