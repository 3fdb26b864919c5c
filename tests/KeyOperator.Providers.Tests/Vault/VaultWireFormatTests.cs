// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using KeyOperator.Emulators.Vault;
using KeyOperator.Providers.Vault;

namespace KeyOperator.Providers.Tests.Vault;

/// <summary>The client and the emulator against Vault's documented response samples (tests/fixtures/vault).</summary>
public sealed class VaultWireFormatTests
{
    private static readonly string s_samples = Path.Combine(
        typeof(VaultWireFormatTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SharedFixtures").Value!,
        "vault",
        "openbao-doc-extracts");

    [Theory]
    [InlineData("auth-approle__19__login-with-approle-sample-response.json", "5b1a0318-679c-9c45-e5c6-d1b9a9035d49", 1200, true)]
    [InlineData("auth-kubernetes__07__login-sample-response.json", "62b858f9-529c-6b26-e0b8-0457b6aacdb4", 2764800, true)]
    [InlineData("auth-token__12__renew-a-token-self-sample-response.json", "ABCD", 3600, true)]
    public void Deserialize_DocLoginSample_ReadsTokenAndLease(string file, string token, long lease, bool renewable)
    {
        VaultResponse response = Parse(file);

        Assert.Equal(token, response.Auth?.ClientToken);
        Assert.Equal(lease, response.Auth?.LeaseDuration);
        Assert.Equal(renewable, response.Auth?.Renewable);
    }

    [Fact]
    public void Deserialize_DocErrorSample_ReadsErrors()
    {
        Assert.Equal(["message", "another message"], Parse("api-index__error-response.json").Errors);
    }

    [Fact]
    public void Deserialize_DocKvV2Sample_HasDataAndMetadataVersion()
    {
        JsonElement data = Parse("kv-v2__03__read-secret-version-sample-response.json").Data!.Value;

        Assert.Equal("bar", data.GetProperty("data").GetProperty("foo").GetString());
        Assert.Equal(2, data.GetProperty("metadata").GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData("kv-v2__03__read-secret-version-sample-response.json", "v1/secret/data/app/db", "data")]
    [InlineData("kv-v2__03__read-secret-version-sample-response.json", "v1/secret/data/app/db", "data.metadata")]
    [InlineData("kv-v1__01__read-secret-sample-response.json", "v1/kv/app/db", "")]
    [InlineData("auth-token__06__lookup-a-token-self-sample-response.json", "v1/auth/token/lookup-self", "data")]
    public async Task Emulator_Read_HasEveryMemberOfTheDocSample(string file, string path, string member)
    {
        await using VaultEmulator vault = await VaultEmulator.StartAsync();
        vault.EnableKv("secret", 2);
        vault.EnableKv("kv", 1);
        vault.Write("secret", "app/db", new JsonObject { ["foo"] = "bar" });
        vault.Write("kv", "app/db", new JsonObject { ["foo"] = "bar" });
        string token = vault.CreateToken(VaultTokenSpec.ReadAll);

        JsonObject answer = await GetAsync(vault, path, token);

        HashSet<string> expected = Members(JsonNode.Parse(File.ReadAllText(Path.Combine(s_samples, file)))!.AsObject(), member);
        Assert.Empty(expected.Except(Members(answer, member)));
    }

    [Fact]
    public async Task Emulator_AppRoleLogin_HasEveryAuthMemberOfTheDocSample()
    {
        await using VaultEmulator vault = await VaultEmulator.StartAsync();
        vault.AddAppRole("approle", "role-1", "secret-1", VaultTokenSpec.ReadAll);
        using HttpClient http = Http(vault);

        using HttpResponseMessage response = await http.PostAsync(new Uri(vault.BaseAddress, "v1/auth/approle/login"), new StringContent("""{"role_id":"role-1","secret_id":"secret-1"}"""));
        JsonObject answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        JsonObject sample = JsonNode.Parse(File.ReadAllText(Path.Combine(s_samples, "auth-approle__19__login-with-approle-sample-response.json")))!.AsObject();
        Assert.Empty(Members(sample, string.Empty).Except(Members(answer, string.Empty)));
        Assert.Empty(Members(sample, "auth").Except(Members(answer, "auth")));
    }

    private static VaultResponse Parse(string file) =>
        JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(s_samples, file)), VaultJsonContext.Default.VaultResponse)!;

    private static HashSet<string> Members(JsonObject root, string member)
    {
        JsonNode node = root;
        foreach (string part in member.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node[part]!;
        }

        return [.. node.AsObject().Select(p => p.Key)];
    }

    private static HttpClient Http(VaultEmulator vault)
    {
        HttpClientHandler handler = new();
        System.Security.Cryptography.X509Certificates.X509Certificate2Collection roots = Providers.ProviderTransport.ParseBundle(vault.CaPem);
        handler.ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
        {
            using System.Security.Cryptography.X509Certificates.X509Chain chain = new();
            chain.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots);
            chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
            return certificate is not null && chain.Build(certificate);
        };
        return new HttpClient(handler);
    }

    private static async Task<JsonObject> GetAsync(VaultEmulator vault, string path, string token)
    {
        using HttpClient http = Http(vault);
        using HttpRequestMessage request = new(HttpMethod.Get, new Uri(vault.BaseAddress, path));
        request.Headers.Add("X-Vault-Token", token);
        using HttpResponseMessage response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }
}
