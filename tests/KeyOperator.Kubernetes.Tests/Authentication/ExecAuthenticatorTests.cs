// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.Kubernetes.Authentication;
using KeyOperator.Kubernetes.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace KeyOperator.Kubernetes.Tests.Authentication;

public sealed class ExecAuthenticatorTests : IDisposable
{
    private static readonly KubernetesClientConfiguration Cluster = new() { Server = new Uri("https://172.17.4.100:6443"), TlsServerName = "api" };
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2018-03-05T17:00:00-08:00", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task GetAsync_TokenPlugin_ReturnsTokenAndCachesIt()
    {
        string plugin = _dir.WriteScript("plugin.sh", $"echo run >> '{_dir.Combine("runs")}'\ncat '{Fixtures.Path("doc-extracts", "execcredential-v1-token.json")}'\n");
        using var authenticator = new ExecAuthenticator(new ExecCredentialConfig { Command = plugin }, Cluster, _time);

        ExecCredential first = await authenticator.GetAsync(CancellationToken.None);
        ExecCredential second = await authenticator.GetAsync(CancellationToken.None);

        Assert.Equal("my-bearer-token", first.Token);
        Assert.Same(first, second);
        Assert.Equal(1, authenticator.Runs);
    }

    [Fact]
    public async Task GetAsync_TokenExpires_RunsPluginAgain()
    {
        string plugin = _dir.WriteScript("plugin.sh", $"cat '{Fixtures.Path("doc-extracts", "execcredential-v1-token-expiry.json")}'\n");
        using var authenticator = new ExecAuthenticator(new ExecCredentialConfig { Command = plugin }, Cluster, _time);

        ExecCredential credential = await authenticator.GetAsync(CancellationToken.None);
        Assert.Equal(DateTimeOffset.Parse("2018-03-06T01:30:20Z", System.Globalization.CultureInfo.InvariantCulture), credential.ExpiresAt);
        _time.Advance(TimeSpan.FromMinutes(29));
        await authenticator.GetAsync(CancellationToken.None);
        Assert.Equal(1, authenticator.Runs);

        _time.Advance(TimeSpan.FromMinutes(2));
        await authenticator.GetAsync(CancellationToken.None);
        Assert.Equal(2, authenticator.Runs);
    }

    [Fact]
    public async Task Invalidate_AfterUnauthorized_RunsPluginAgain()
    {
        string plugin = _dir.WriteScript("plugin.sh", $"cat '{Fixtures.Path("doc-extracts", "execcredential-v1-token.json")}'\n");
        using var authenticator = new ExecAuthenticator(new ExecCredentialConfig { Command = plugin }, Cluster, _time);
        await authenticator.GetAsync(CancellationToken.None);

        Assert.True(authenticator.Invalidate());
        await authenticator.GetAsync(CancellationToken.None);

        Assert.Equal(2, authenticator.Runs);
    }

    [Fact]
    public async Task GetAsync_EnvAndClusterInfo_PassedToPlugin()
    {
        string plugin = _dir.WriteScript("plugin.sh", $$$"""
            printf '%s' "$KUBERNETES_EXEC_INFO" > '{{{_dir.Combine("info.json")}}}'
            printf '%s %s' "$FOO" "$1" > '{{{_dir.Combine("env.txt")}}}'
            echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t"}}'
            """);
        var exec = new ExecCredentialConfig
        {
            Command = plugin,
            Arguments = ["arg1"],
            Environment = new Dictionary<string, string> { ["FOO"] = "bar" },
            ProvideClusterInfo = true,
        };
        using var authenticator = new ExecAuthenticator(exec, Cluster, _time);

        await authenticator.GetAsync(CancellationToken.None);

        JsonNode info = JsonNode.Parse(File.ReadAllText(_dir.Combine("info.json")))!;
        Assert.Equal("client.authentication.k8s.io/v1", (string?)info["apiVersion"]);
        Assert.Equal("ExecCredential", (string?)info["kind"]);
        Assert.False((bool)info["spec"]!["interactive"]!);
        Assert.Equal("https://172.17.4.100:6443", (string?)info["spec"]!["cluster"]!["server"]);
        Assert.Equal("api", (string?)info["spec"]!["cluster"]!["tls-server-name"]);
        Assert.Equal("bar arg1", File.ReadAllText(_dir.Combine("env.txt")));
    }

    [Fact]
    public async Task GetAsync_ClientCertificatePlugin_ReturnsCertificate()
    {
        string certificate = File.ReadAllText(Fixtures.Path("kubeconfig-csharp-client", "client.crt"));
        string key = File.ReadAllText(Fixtures.Path("kubeconfig-csharp-client", "client.key"));
        var output = new JsonObject
        {
            ["apiVersion"] = "client.authentication.k8s.io/v1",
            ["kind"] = "ExecCredential",
            ["status"] = new JsonObject { ["clientCertificateData"] = certificate, ["clientKeyData"] = key },
        };
        string outputFile = _dir.WriteFile("out.json", output.ToJsonString());
        string plugin = _dir.WriteScript("plugin.sh", $"cat '{outputFile}'\n");
        using var authenticator = new ExecAuthenticator(new ExecCredentialConfig { Command = plugin }, Cluster, _time);

        ExecCredential credential = await authenticator.GetAsync(CancellationToken.None);

        Assert.Null(credential.Token);
        Assert.True(credential.ClientCertificate?.HasPrivateKey);
        Assert.Same(credential.ClientCertificate, authenticator.ClientCertificate);
    }

    [Theory]
    [InlineData("exit 3\n", "exited with code 3")]
    [InlineData("echo not-json\n", "did not print JSON")]
    [InlineData("echo '{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"t\"}}'\n", "printed apiVersion 'client.authentication.k8s.io/v1beta1'")]
    [InlineData("echo '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{}}'\n", "neither a token nor")]
    public async Task GetAsync_BadPlugin_FailsWithoutLeakingOutput(string script, string expected)
    {
        string plugin = _dir.WriteScript("plugin.sh", "echo secret-on-stderr >&2\n" + script);
        using var authenticator = new ExecAuthenticator(new ExecCredentialConfig { Command = plugin }, Cluster, _time);

        var ex = await Assert.ThrowsAsync<KubeconfigException>(() => authenticator.GetAsync(CancellationToken.None));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_InteractiveModeAlways_Fails()
    {
        using var authenticator = new ExecAuthenticator(new ExecCredentialConfig { Command = "/bin/true", InteractiveMode = "Always" }, Cluster, _time);

        await Assert.ThrowsAsync<KubeconfigException>(() => authenticator.GetAsync(CancellationToken.None));
    }
}
