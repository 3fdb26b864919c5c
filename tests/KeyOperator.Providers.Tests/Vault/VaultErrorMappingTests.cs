// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.Emulators.Vault;
using KeyOperator.Providers;
using KeyOperator.Providers.Vault;

namespace KeyOperator.Providers.Tests.Vault;

public sealed class VaultErrorMappingTests
{
    private const string Value = "value-never-shown-7f3a";
    private const string SecretId = "secret-id-never-shown-91c2";

    [Theory]
    [InlineData("missing key (404, empty errors)", ProviderFailure.NotFound)]
    [InlineData("missing version", ProviderFailure.NotFound)]
    [InlineData("soft-deleted latest version", ProviderFailure.NotFound)]
    [InlineData("soft-deleted pinned version", ProviderFailure.NotFound)]
    [InlineData("destroyed version", ProviderFailure.NotFound)]
    [InlineData("KV v1 missing key", ProviderFailure.NotFound)]
    [InlineData("missing mount (no handler for route)", ProviderFailure.InvalidRequest)]
    [InlineData("v1 path on a v2 mount", ProviderFailure.InvalidRequest)]
    [InlineData("version that is not a number", ProviderFailure.InvalidRequest)]
    [InlineData("version on KV v1", ProviderFailure.InvalidRequest)]
    [InlineData("key with ..", ProviderFailure.InvalidRequest)]
    [InlineData("403 outside policy", ProviderFailure.AuthFailed)]
    [InlineData("revoked static token", ProviderFailure.AuthFailed)]
    [InlineData("AppRole wrong secret id (400)", ProviderFailure.AuthFailed)]
    [InlineData("AppRole unknown role id (400)", ProviderFailure.AuthFailed)]
    [InlineData("kubernetes JWT refused (403)", ProviderFailure.AuthFailed)]
    [InlineData("kubernetes unknown role (400)", ProviderFailure.AuthFailed)]
    [InlineData("429 on read", ProviderFailure.Throttled)]
    [InlineData("429 on login", ProviderFailure.Throttled)]
    [InlineData("503 sealed", ProviderFailure.Unavailable)]
    [InlineData("503 on login", ProviderFailure.Unavailable)]
    [InlineData("500 internal error", ProviderFailure.Unavailable)]
    [InlineData("connection closed", ProviderFailure.Unavailable)]
    [InlineData("login timed out", ProviderFailure.Unavailable)]
    public async Task GetSecretAsync_VaultAnswer_MapsToFailure(string scenario, ProviderFailure expected)
    {
        await using VaultTestHost host = await VaultTestHost.StartAsync(requestTimeout: scenario == "login timed out" ? TimeSpan.FromMilliseconds(500) : null);
        host.Vault.EnableKv("secret", 2);
        host.Vault.EnableKv("kv", 1);
        host.Vault.Write("secret", "app/db", new JsonObject { ["password"] = Value });
        host.Vault.Write("secret", "app/db", new JsonObject { ["password"] = Value + "-2" });
        host.Vault.Write("kv", "app/db", new JsonObject { ["password"] = Value });
        host.Vault.AddAppRole("approle", "role-1", SecretId, VaultTokenSpec.ReadAll);
        host.Vault.AddKubernetesRole("kubernetes", "app", VaultTokenSpec.ReadAll);
        string token = host.Vault.CreateToken(new VaultTokenSpec(TimeSpan.FromHours(1), true, ["secret/data/app/*", "kv/app/*"]));
        VaultAuth auth = new VaultTokenAuth(new SensitiveString(token));
        string mount = "secret";
        VaultKvVersion kv = VaultKvVersion.V2;
        RemoteReference reference = new("app/db");

        switch (scenario)
        {
            case "missing key (404, empty errors)":
                reference = new("app/gone");
                break;
            case "missing version":
                reference = new("app/db", "9");
                break;
            case "soft-deleted latest version":
                host.Vault.Delete("secret", "app/db");
                break;
            case "soft-deleted pinned version":
                host.Vault.Delete("secret", "app/db", [1]);
                reference = new("app/db", "1");
                break;
            case "destroyed version":
                host.Vault.Destroy("secret", "app/db", [2]);
                break;
            case "KV v1 missing key":
                (mount, kv, reference) = ("kv", VaultKvVersion.V1, new("app/gone"));
                break;
            case "missing mount (no handler for route)":
                mount = "secrte";
                break;
            case "v1 path on a v2 mount":
                kv = VaultKvVersion.V1;
                token = host.Vault.CreateToken(VaultTokenSpec.ReadAll);
                auth = new VaultTokenAuth(new SensitiveString(token));
                break;
            case "version that is not a number":
                reference = new("app/db", "latest");
                break;
            case "version on KV v1":
                (mount, kv, reference) = ("kv", VaultKvVersion.V1, new("app/db", "1"));
                break;
            case "key with ..":
                reference = new("app/../../sys/seal");
                break;
            case "403 outside policy":
                host.Vault.Write("secret", "team-b/db", new JsonObject { ["password"] = Value });
                reference = new("team-b/db");
                break;
            case "revoked static token":
                host.Vault.RevokeToken(token);
                break;
            case "AppRole wrong secret id (400)":
                auth = new VaultAppRoleAuth("approle", "role-1", new SensitiveString(SecretId + "-wrong"));
                break;
            case "AppRole unknown role id (400)":
                auth = new VaultAppRoleAuth("approle", "role-unknown", new SensitiveString(SecretId));
                break;
            case "kubernetes JWT refused (403)":
                host.Vault.KubernetesJwtValidator = static (_, _, _) => Task.FromResult(false);
                auth = new VaultKubernetesAuth("kubernetes", "app", new CountingWorkloadTokens());
                break;
            case "kubernetes unknown role (400)":
                host.Vault.KubernetesJwtValidator = static (_, _, _) => Task.FromResult(true);
                auth = new VaultKubernetesAuth("kubernetes", "nobody", new CountingWorkloadTokens());
                break;
            case "429 on read":
                host.Vault.InjectFault(VaultFault.Throttled, 1, TimeSpan.FromSeconds(7), pathPrefix: "secret/");
                break;
            case "429 on login":
                host.Vault.InjectFault(VaultFault.Throttled, 1, TimeSpan.FromSeconds(7), pathPrefix: "auth/");
                auth = new VaultAppRoleAuth("approle", "role-1", new SensitiveString(SecretId));
                break;
            case "503 sealed":
                host.Vault.InjectFault(VaultFault.Sealed, 1, pathPrefix: "secret/");
                break;
            case "503 on login":
                host.Vault.InjectFault(VaultFault.Sealed, 1, pathPrefix: "auth/");
                auth = new VaultAppRoleAuth("approle", "role-1", new SensitiveString(SecretId));
                break;
            case "500 internal error":
                host.Vault.InjectFault(VaultFault.InternalError, 1, pathPrefix: "secret/");
                break;
            case "connection closed":
                // More than one: the HTTP stack may retry a request whose pooled connection closed before answering.
                host.Vault.InjectFault(VaultFault.CloseConnection, 10, pathPrefix: "secret/");
                break;
            case "login timed out":
                TaskCompletionSource never = new();
                host.Vault.BeforeLogin = ct => never.Task.WaitAsync(ct);
                auth = new VaultAppRoleAuth("approle", "role-1", new SensitiveString(SecretId));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null);
        }

        ISecretProvider client = host.Registry.Get(host.Connection(auth, mount, kv));
        ProviderException ex = await VaultAssert.FailsAsync(client.GetSecretAsync(reference, CancellationToken.None), expected, Value, token, SecretId, "sa-jwt-1");

        Assert.Contains("Vault", ex.Message, StringComparison.Ordinal);
        if (expected == ProviderFailure.Throttled)
        {
            Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        }
    }

    [Fact]
    public async Task GetSecretAsync_LongVaultError_IsCappedInTheMessage()
    {
        await using VaultTestHost host = await VaultTestHost.StartAsync();
        host.Vault.EnableKv("secret", 2);
        string longMount = "m" + new string('x', 400);

        ISecretProvider client = host.Registry.Get(host.Connection(host.TokenAuth(), longMount));
        ProviderException ex = await VaultAssert.FailsAsync(client.GetSecretAsync(new RemoteReference("app/db"), CancellationToken.None), ProviderFailure.InvalidRequest);

        // Vault's "no handler for route" string echoes the whole path: it is cut at 200 characters.
        Assert.Contains("no handler for route", ex.Message, StringComparison.Ordinal);
        Assert.Contains("…", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("/data/app/db", ex.Message[ex.Message.IndexOf("no handler", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSecretAsync_AfterTransientFault_NextReadSucceeds()
    {
        await using VaultTestHost host = await VaultTestHost.StartAsync();
        host.Vault.EnableKv("secret", 2);
        host.Vault.Write("secret", "app/db", new JsonObject { ["password"] = Value });
        ISecretProvider client = host.Client(host.TokenAuth());
        host.Vault.InjectFault(VaultFault.Sealed, 2, pathPrefix: "secret/");

        await VaultAssert.FailsAsync(client.GetSecretAsync(new RemoteReference("app/db"), CancellationToken.None), ProviderFailure.Unavailable, Value);
        await VaultAssert.FailsAsync(client.GetSecretAsync(new RemoteReference("app/db"), CancellationToken.None), ProviderFailure.Unavailable, Value);
        RemoteSecret secret = await client.GetSecretAsync(new RemoteReference("app/db"), CancellationToken.None);

        Assert.Equal("1", secret.Version);
        Assert.Equal(1, host.Vault.Lookups);
    }
}
