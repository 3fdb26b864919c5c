// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.Emulators.Vault;
using KeyOperator.Providers;
using KeyOperator.Providers.Vault;

namespace KeyOperator.Providers.Tests.Vault;

public sealed class VaultAuthTests
{
    private static readonly RemoteReference s_db = new("app/db");

    [Fact]
    public async Task GetSecretAsync_StaticToken_LooksUpOnceThenReads()
    {
        await using VaultTestHost host = await VaultTestHost.StartAsync();
        Seed(host);
        ISecretProvider client = host.Client(host.TokenAuth());

        await client.GetSecretAsync(s_db, CancellationToken.None);
        await client.GetSecretAsync(s_db, CancellationToken.None);

        Assert.Equal(1, host.Vault.Lookups);
        Assert.Equal(2, host.Vault.Reads("secret", "app/db"));
        Assert.Equal(0, host.Vault.LoginAttempts);
    }

    [Fact]
    public async Task GetSecretAsync_StaticTokenPastTwoThirdsOfTtl_RenewsSelf()
    {
        await using VaultTestHost host = await VaultTestHost.StartAsync();
        Seed(host);
        ISecretProvider client = host.Client(host.TokenAuth(new VaultTokenSpec(TimeSpan.FromSeconds(300), true, ["*"])));
        await client.GetSecretAsync(s_db, CancellationToken.None);

        host.Time.Advance(TimeSpan.FromSeconds(199));
        await client.GetSecretAsync(s_db, CancellationToken.None);
        int beforeTwoThirds = host.Vault.Renewals;
        host.Time.Advance(TimeSpan.FromSeconds(2));
        await client.GetSecretAsync(s_db, CancellationToken.None);

        Assert.Equal(0, beforeTwoThirds);
        Assert.Equal(1, host.Vault.Renewals);
        // Renewed for another 300 s from t=201: still good well past the first TTL.
        host.Time.Advance(TimeSpan.FromSeconds(190));
        await client.GetSecretAsync(s_db, CancellationToken.None);
        Assert.Equal(1, host.Vault.Renewals);
    }

    [Fact]
    public async Task GetSecretAsync_NonRenewableStaticTokenExpired_AuthFailedSayingSo()
    {
        await using VaultTestHost host = await VaultTestHost.StartAsync();
        Seed(host);
        VaultTokenAuth auth = host.TokenAuth(new VaultTokenSpec(TimeSpan.FromSeconds(60), false, ["*"]));
        ISecretProvider client = host.Client(auth);
        await client.GetSecretAsync(s_db, CancellationToken.None);
        host.Time.Advance(TimeSpan.FromSeconds(50));
        await client.GetSecretAsync(s_db, CancellationToken.None);

        host.Time.Advance(TimeSpan.FromSeconds(11));
        ProviderException ex = await VaultAssert.FailsAsync(client.GetSecretAsync(s_db, CancellationToken.None), ProviderFailure.AuthFailed, auth.Token.Reveal());

        Assert.Contains("not renewable", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.Vault.Renewals);
    }

    [Fact]
    public async Task GetSecretAsync_AppRole_LogsInOnceAndReadsWithItsToken()
    {
        await using VaultTestHost host = await VaultTestHost.StartAsync();
        Seed(host);
        host.Vault.AddAppRole("approle", "role-1", "secret-id-1", VaultTokenSpec.ReadAll);
        ISecretProvider client = host.Client(new VaultAppRoleAuth("approle", "role-1", new SensitiveString("secret-id-1")));

        RemoteSecret first = await client.GetSecretAsync(s_db, CancellationToken.None);
        await client.GetSecretAsync(s_db, CancellationToken.None);

        Assert.Equal("1", first.Version);
        Assert.Equal(1, host.Vault.Logins);
        Assert.Contains("keyoperator_provider_logins_total{provider=\"vault\"} 1", await host.MetricsTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSecretAsync_Kubernetes_LogsInWithAFreshWorkloadTokenPerLogin()
    {
        await using VaultTestHost host = await VaultTestHost.StartAsync();
        Seed(host);
        host.Vault.AddKubernetesRole("kubernetes", "app", new VaultTokenSpec(TimeSpan.FromSeconds(300), false, ["secret/data/app/*"]));
        List<(string Jwt, string Role)> seen = [];
        host.Vault.KubernetesJwtValidator = (jwt, role, _) =>
        {
            lock (seen)
            {
                seen.Add((jwt, role));
            }

            return Task.FromResult(jwt.StartsWith("sa-jwt-", StringComparison.Ordinal));
        };
        CountingWorkloadTokens tokens = new();
        ISecretProvider client = host.Client(new VaultKubernetesAuth("kubernetes", "app", tokens));

        await client.GetSecretAsync(s_db, CancellationToken.None);
        // Not renewable: replaced by a new login at 2/3 of its 300 s, with a new ServiceAccount token.
        host.Time.Advance(TimeSpan.FromSeconds(201));
        await client.GetSecretAsync(s_db, CancellationToken.None);

        Assert.Equal([("sa-jwt-1", "app"), ("sa-jwt-2", "app")], seen);
        Assert.Equal(2, tokens.Issued);
        Assert.Equal(2, host.Vault.Logins);
    }

    [Fact]
    public async Task GetSecretAsync_HundredConcurrentReads_ShareOneLogin()
    {
        await using VaultTestHost host = await VaultTestHost.StartAsync();
        Seed(host);
        host.Vault.AddAppRole("approle", "role-1", "secret-id-1", VaultTokenSpec.ReadAll);
        TaskCompletionSource loginArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Vault.BeforeLogin = async ct =>
        {
            loginArrived.TrySetResult();
            await release.Task.WaitAsync(ct);
        };
        ISecretProvider client = host.Client(new VaultAppRoleAuth("approle", "role-1", new SensitiveString("secret-id-1")));

        Task<RemoteSecret[]> reads = Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => client.GetSecretAsync(s_db, CancellationToken.None))));
        await loginArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        release.SetResult();
        RemoteSecret[] secrets = await reads.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(100, secrets.Length);
        Assert.Equal(1, host.Vault.LoginAttempts);
        Assert.Equal(100, host.Vault.Reads("secret", "app/db"));
        Assert.Contains("keyoperator_provider_logins_total{provider=\"vault\"} 1", await host.MetricsTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSecretAsync_LoginTokenPastTwoThirds_RenewsThenLogsInAgainAtMaxTtl()
    {
        await using VaultTestHost host = await VaultTestHost.StartAsync();
        Seed(host);
        host.Vault.AddAppRole("approle", "role-1", "secret-id-1", new VaultTokenSpec(TimeSpan.FromSeconds(300), true, ["*"], MaxTtl: TimeSpan.FromSeconds(400)));
        ISecretProvider client = host.Client(new VaultAppRoleAuth("approle", "role-1", new SensitiveString("secret-id-1")));
        await client.GetSecretAsync(s_db, CancellationToken.None);

        host.Time.Advance(TimeSpan.FromSeconds(201));
        await client.GetSecretAsync(s_db, CancellationToken.None);
        (int renewals, int logins) afterFirstRenewal = (host.Vault.Renewals, host.Vault.Logins);
        // The renewal was capped at the max TTL (t=400); at 2/3 of what was left the next renewal cannot extend it.
        host.Time.Advance(TimeSpan.FromSeconds(133));
        await client.GetSecretAsync(s_db, CancellationToken.None);

        Assert.Equal((1, 1), afterFirstRenewal);
        Assert.Equal(2, host.Vault.Logins);
    }

    [Fact]
    public async Task GetSecretAsync_TokenRevokedAfterLogin_ForbiddenThenNextReadLogsInAgainOnce()
    {
        await using VaultTestHost host = await VaultTestHost.StartAsync();
        Seed(host);
        host.Vault.AddAppRole("approle", "role-1", "secret-id-1", VaultTokenSpec.ReadAll);
        ISecretProvider client = host.Client(new VaultAppRoleAuth("approle", "role-1", new SensitiveString("secret-id-1")));
        await client.GetSecretAsync(s_db, CancellationToken.None);
        host.Vault.RevokeAllTokens();

        await VaultAssert.FailsAsync(client.GetSecretAsync(s_db, CancellationToken.None), ProviderFailure.AuthFailed, "secret-id-1");
        RemoteSecret again = await client.GetSecretAsync(s_db, CancellationToken.None);
        await client.GetSecretAsync(s_db, CancellationToken.None);

        Assert.Equal("1", again.Version);
        Assert.Equal(2, host.Vault.Logins);
    }

    [Fact]
    public async Task GetSecretAsync_PathOutsidePolicy_AuthFailedWithoutANewLogin()
    {
        await using VaultTestHost host = await VaultTestHost.StartAsync();
        Seed(host);
        host.Vault.Write("secret", "other/db", new JsonObject { ["password"] = "other-value-xyz" });
        host.Vault.AddAppRole("approle", "role-1", "secret-id-1", new VaultTokenSpec(TimeSpan.FromHours(1), true, ["secret/data/app/*"]));
        ISecretProvider client = host.Client(new VaultAppRoleAuth("approle", "role-1", new SensitiveString("secret-id-1")));

        await VaultAssert.FailsAsync(client.GetSecretAsync(new RemoteReference("other/db"), CancellationToken.None), ProviderFailure.AuthFailed, "other-value-xyz");
        RemoteSecret allowed = await client.GetSecretAsync(s_db, CancellationToken.None);

        Assert.Equal("1", allowed.Version);
        // The 403 made the client check its token (lookup-self), which Vault accepted: no second login.
        Assert.Equal(1, host.Vault.Logins);
        Assert.Equal(1, host.Vault.Lookups);
    }

    private static void Seed(VaultTestHost host)
    {
        host.Vault.EnableKv("secret", 2);
        host.Vault.Write("secret", "app/db", new JsonObject { ["password"] = "s3cr3t" });
    }
}
