// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.Emulators.Vault;
using KeyOperator.Providers;
using KeyOperator.Providers.Vault;

namespace KeyOperator.Providers.Tests.Vault;

public sealed class VaultReadTests
{
    [Fact]
    public async Task GetSecretAsync_KvV2_ReturnsDataJsonAndVersion()
    {
        await using VaultTestHost host = await VaultTestHost.StartAsync();
        host.Vault.EnableKv("secret", 2);
        host.Vault.Write("secret", "app/db", new JsonObject { ["password"] = "old" });
        host.Vault.Write("secret", "app/db", new JsonObject { ["password"] = "s3cr3t", ["user"] = "app" });

        RemoteSecret secret = await host.Client(host.TokenAuth()).GetSecretAsync(new RemoteReference("app/db"), CancellationToken.None);

        Assert.Equal("2", secret.Version);
        JsonObject value = JsonNode.Parse(VaultAssert.Text(secret))!.AsObject();
        Assert.Equal("s3cr3t", value["password"]!.GetValue<string>());
        Assert.Equal("app", value["user"]!.GetValue<string>());
        Assert.Equal(0, host.Vault.RequestsWithoutVaultRequestHeader);
        Assert.DoesNotContain("s3cr3t", secret.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1", "first")]
    [InlineData("2", "second")]
    [InlineData("3", "third")]
    public async Task GetSecretAsync_KvV2PinnedVersion_ReturnsThatVersion(string version, string expected)
    {
        await using VaultTestHost host = await VaultTestHost.StartAsync();
        host.Vault.EnableKv("secret", 2);
        foreach (string value in new[] { "first", "second", "third" })
        {
            host.Vault.Write("secret", "app/db", new JsonObject { ["password"] = value });
        }

        RemoteSecret secret = await host.Client(host.TokenAuth()).GetSecretAsync(new RemoteReference("app/db", version), CancellationToken.None);

        Assert.Equal(version, secret.Version);
        Assert.Equal(expected, JsonNode.Parse(VaultAssert.Text(secret))!["password"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetSecretAsync_KvV1_ReturnsDataJsonWithoutVersion()
    {
        await using VaultTestHost host = await VaultTestHost.StartAsync();
        host.Vault.EnableKv("kv", 1);
        host.Vault.Write("kv", "app/db", new JsonObject { ["password"] = "v1-secret" });

        RemoteSecret secret = await host.Client(host.TokenAuth(), mount: "kv", version: VaultKvVersion.V1).GetSecretAsync(new RemoteReference("app/db"), CancellationToken.None);

        Assert.Null(secret.Version);
        Assert.Equal("v1-secret", JsonNode.Parse(VaultAssert.Text(secret))!["password"]!.GetValue<string>());
        Assert.Equal(1, host.Vault.Reads("kv", "app/db"));
    }

    [Fact]
    public async Task GetSecretAsync_WrittenOverHttp_ReadsIt()
    {
        await using VaultTestHost host = await VaultTestHost.StartAsync();
        host.Vault.EnableKv("secret", 2);
        string token = host.Vault.CreateToken(VaultTokenSpec.ReadAll);
        using HttpClient http = new(Providers.ProviderTransport.CreateHandler(host.Connection(new VaultTokenAuth(new SensitiveString(token)))));
        using HttpRequestMessage put = new(HttpMethod.Put, new Uri(host.Vault.BaseAddress, "v1/secret/data/app/api"))
        {
            Content = new StringContent("""{"data":{"key":"from-http"}}""", System.Text.Encoding.UTF8, "application/json"),
        };
        put.Headers.Add("X-Vault-Token", token);
        using HttpResponseMessage written = await http.SendAsync(put);
        written.EnsureSuccessStatusCode();

        RemoteSecret secret = await host.Client(new VaultTokenAuth(new SensitiveString(token))).GetSecretAsync(new RemoteReference("app/api"), CancellationToken.None);

        Assert.Equal("1", secret.Version);
        Assert.Equal("from-http", JsonNode.Parse(VaultAssert.Text(secret))!["key"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetSecretAsync_Namespace_ReadsThatNamespacesMountOnly()
    {
        await using VaultTestHost host = await VaultTestHost.StartAsync();
        host.Vault.AddNamespace("team-a");
        host.Vault.EnableKv("secret", 2);
        host.Vault.EnableKv("secret", 2, "team-a");
        host.Vault.Write("secret", "app/db", new JsonObject { ["password"] = "root-ns" });
        host.Vault.Write("secret", "app/db", new JsonObject { ["password"] = "team-a-ns" }, "team-a");

        RemoteSecret secret = await host.Client(host.TokenAuth(ns: "team-a"), ns: "team-a").GetSecretAsync(new RemoteReference("app/db"), CancellationToken.None);

        Assert.Equal("team-a-ns", JsonNode.Parse(VaultAssert.Text(secret))!["password"]!.GetValue<string>());
        Assert.Equal(1, host.Vault.Reads("secret", "app/db", "team-a"));
        Assert.Equal(0, host.Vault.Reads("secret", "app/db"));
    }

    [Fact]
    public async Task GetSecretAsync_RootTokenInAnotherNamespace_AuthFailed()
    {
        await using VaultTestHost host = await VaultTestHost.StartAsync();
        host.Vault.AddNamespace("team-a");
        host.Vault.EnableKv("secret", 2, "team-a");
        VaultTokenAuth rootToken = host.TokenAuth();

        await VaultAssert.FailsAsync(host.Client(rootToken, ns: "team-a").GetSecretAsync(new RemoteReference("app/db"), CancellationToken.None), ProviderFailure.AuthFailed, rootToken.Token.Reveal());
    }

    [Fact]
    public async Task GetSecretAsync_WithoutTheEmulatorsCa_UnavailableTls()
    {
        await using VaultTestHost host = await VaultTestHost.StartAsync();
        host.Vault.EnableKv("secret", 2);
        host.Vault.Write("secret", "app/db", new JsonObject { ["password"] = "s3cr3t" });
        VaultTokenAuth auth = host.TokenAuth();

        ProviderException ex = await VaultAssert.FailsAsync(host.Registry.Get(host.Connection(auth, trustCa: false)).GetSecretAsync(new RemoteReference("app/db"), CancellationToken.None), ProviderFailure.Unavailable, auth.Token.Reveal());
        RemoteSecret trusted = await host.Registry.Get(host.Connection(auth)).GetSecretAsync(new RemoteReference("app/db"), CancellationToken.None);

        Assert.Contains("TLS", ex.Message, StringComparison.Ordinal);
        Assert.Equal("1", trusted.Version);
    }

    [Fact]
    public async Task Get_PlainHttp_RefusedUnlessAllowInsecureEndpoint()
    {
        await using VaultTestHost host = await VaultTestHost.StartAsync(https: false);
        host.Vault.EnableKv("secret", 2);
        host.Vault.Write("secret", "app/db", new JsonObject { ["password"] = "s3cr3t" });
        VaultTokenAuth auth = host.TokenAuth();

        ProviderException refused = Assert.Throws<ProviderException>(() => host.Registry.Get(host.Connection(auth)));
        RemoteSecret allowed = await host.Registry.Get(host.Connection(auth, allowInsecure: true)).GetSecretAsync(new RemoteReference("app/db"), CancellationToken.None);

        Assert.Equal(ProviderFailure.InvalidRequest, refused.Failure);
        Assert.Equal("1", allowed.Version);
    }
}
