// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using KeyOperator.Emulators;
using KeyOperator.Emulators.Azure;
using KeyOperator.Providers;
using KeyOperator.Providers.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace KeyOperator.Providers.Tests.Azure;

/// <summary>The Key Vault client through the registry, over HTTPS to the Entra ID and Key Vault emulators.</summary>
public sealed class AzureKeyVaultProviderTests : IAsyncLifetime
{
    private const string ClientId = "0d4e7c8a-1111-4e2f-9a3b-5c6d7e8f9a01";
    private const string ClientSecret = "s3cr3t~client.value_THAT-must-not-leak";
    private const string FederatedClientId = "7a1b2c3d-2222-4e2f-9a3b-5c6d7e8f9a02";
    private const string ServiceAccountToken = "eyJhbGciOiJSUzI1NiJ9.service-account-token.must-not-leak";
    private const string SecretValue = "p@ssw0rd-value-must-not-leak";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly CollectorRegistry _metrics = Metrics.NewCustomRegistry();
    private AzureEmulator _azure = null!;
    private ServiceProvider _services = null!;
    private SecretProviderRegistry _registry = null!;

    public async Task InitializeAsync()
    {
        _azure = await AzureEmulator.StartAsync();
        _azure.Login.AddClientSecret(_azure.TenantId, ClientId, ClientSecret);
        _azure.Login.AddFederatedClient(_azure.TenantId, FederatedClientId);
        _azure.Login.AssertionValidator = (assertion, clientId, _) => Task.FromResult(assertion == ServiceAccountToken && clientId == FederatedClientId);
        _azure.Vault.GrantAll(ClientId);
        _azure.Vault.GrantAll(FederatedClientId);

        ServiceCollection services = new();
        services.AddSingleton(_metrics);
        services.AddSingleton<TimeProvider>(_time);
        // The clock is fake and never advances, so the budget must hold every request a test makes.
        services.AddKeyOperatorProviders(o =>
        {
            o.RequestsPerSecond = 1000;
            o.Burst = 1000;
        });
        services.AddAzureKeyVaultProvider();
        _services = services.BuildServiceProvider();
        _registry = _services.GetRequiredService<SecretProviderRegistry>();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _azure.DisposeAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetSecret_CurrentVersion_ReturnsValueAndVersion(bool challengeWithScope)
    {
        _azure.Vault.ChallengeWithScope = challengeWithScope;
        _azure.Vault.SetSecret("db-password", "old");
        string current = _azure.Vault.SetSecret("db-password", SecretValue);

        RemoteSecret secret = await Client(SecretAuth()).GetSecretAsync(new RemoteReference("db-password"), CancellationToken.None);

        Assert.Equal(SecretValue, Encoding.UTF8.GetString(secret.Value.Span));
        Assert.Equal(current, secret.Version);
        Assert.Equal(1, _azure.Vault.Challenges);
        Assert.Equal(1, _azure.Login.IssuedTokens(ClientId));
        // A custom authority has instance discovery off, and MSAL derives the token endpoint from the authority.
        Assert.Equal(0, _azure.Login.Requests("instance-discovery"));
        Assert.Equal(0, _azure.Login.Requests("openid-configuration"));
    }

    [Fact]
    public async Task GetSecret_PinnedVersion_ReturnsThatVersion()
    {
        string first = _azure.Vault.SetSecret("db-password", "first");
        _azure.Vault.SetSecret("db-password", "second");

        RemoteSecret secret = await Client(SecretAuth()).GetSecretAsync(new RemoteReference("db-password", first), CancellationToken.None);

        Assert.Equal("first", Encoding.UTF8.GetString(secret.Value.Span));
        Assert.Equal(first, secret.Version);
    }

    [Fact]
    public async Task GetSecret_WorkloadIdentity_LogsInWithTheServiceAccountTokenAsAssertion()
    {
        _azure.Vault.SetSecret("db-password", SecretValue);
        CountingWorkloadTokens tokens = new(ServiceAccountToken);
        ISecretProvider client = Client(new AzureWorkloadIdentity(FederatedClientId, tokens));

        RemoteSecret first = await client.GetSecretAsync(new RemoteReference("db-password"), CancellationToken.None);
        await client.GetSecretAsync(new RemoteReference("db-password"), CancellationToken.None);

        Assert.Equal(SecretValue, Encoding.UTF8.GetString(first.Value.Span));
        Assert.Equal(1, tokens.Calls);
        Assert.Equal(1, _azure.Login.IssuedTokens(FederatedClientId));
    }

    [Fact]
    public async Task GetSecret_HundredConcurrentReads_OneTokenRequest()
    {
        _azure.Vault.SetSecret("db-password", SecretValue);
        AzureKeyVaultConnection connection = Connection(SecretAuth());

        RemoteSecret[] results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => _registry.Get(connection).GetSecretAsync(new RemoteReference("db-password"), CancellationToken.None))));

        Assert.All(results, r => Assert.Equal(SecretValue, Encoding.UTF8.GetString(r.Value.Span)));
        Assert.Equal(1, _azure.Login.TokenRequests(ClientId));
        Assert.Equal(1, _registry.ClientCount);
        Assert.Contains("keyoperator_provider_logins_total{provider=\"azure\"} 1", await ExportAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSecret_WrongClientSecret_AuthFailedWithoutTheSecret()
    {
        _azure.Vault.SetSecret("db-password", SecretValue);
        const string wrong = "wrong~secret.value_also-must-not-leak";

        ProviderException ex = await Assert.ThrowsAsync<ProviderException>(() => Client(new AzureClientSecret(ClientId, new SensitiveString(wrong))).GetSecretAsync(new RemoteReference("db-password"), CancellationToken.None));

        Assert.Equal(ProviderFailure.AuthFailed, ex.Failure);
        Assert.Contains("invalid_client", ex.Message, StringComparison.Ordinal);
        AssertNoCredential(ex, wrong);
        Assert.Equal(0, _azure.Login.IssuedTokens(ClientId));
    }

    [Fact]
    public async Task GetSecret_RejectedAssertion_AuthFailedWithoutTheAssertion()
    {
        _azure.Vault.SetSecret("db-password", SecretValue);
        _azure.Login.AssertionValidator = (_, _, _) => Task.FromResult(false);

        ProviderException ex = await Assert.ThrowsAsync<ProviderException>(() => Client(new AzureWorkloadIdentity(FederatedClientId, new CountingWorkloadTokens(ServiceAccountToken))).GetSecretAsync(new RemoteReference("db-password"), CancellationToken.None));

        Assert.Equal(ProviderFailure.AuthFailed, ex.Failure);
        AssertNoCredential(ex, ServiceAccountToken);
    }

    [Fact]
    public async Task GetSecret_SecretNotGranted_AuthFailed()
    {
        const string limited = "9f8e7d6c-3333-4e2f-9a3b-5c6d7e8f9a03";
        _azure.Login.AddClientSecret(_azure.TenantId, limited, ClientSecret);
        _azure.Vault.Grant(limited, "allowed");
        _azure.Vault.SetSecret("allowed", "ok");
        _azure.Vault.SetSecret("db-password", SecretValue);
        ISecretProvider client = Client(new AzureClientSecret(limited, new SensitiveString(ClientSecret)));

        RemoteSecret allowed = await client.GetSecretAsync(new RemoteReference("allowed"), CancellationToken.None);
        ProviderException ex = await Assert.ThrowsAsync<ProviderException>(() => client.GetSecretAsync(new RemoteReference("db-password"), CancellationToken.None));

        Assert.Equal("ok", Encoding.UTF8.GetString(allowed.Value.Span));
        Assert.Equal(ProviderFailure.AuthFailed, ex.Failure);
        Assert.Contains("403 (Forbidden/ForbiddenByRbac)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("never-existed", false, false)]
    [InlineData("deleted", true, false)]
    [InlineData("db-password", false, true)]
    public async Task GetSecret_Missing_NotFound(string name, bool delete, bool missingVersion)
    {
        _azure.Vault.SetSecret("db-password", SecretValue);
        _azure.Vault.SetSecret("deleted", SecretValue);
        if (delete)
        {
            _azure.Vault.Delete(name);
        }

        string? version = missingVersion ? Guid.NewGuid().ToString("N") : null;

        ProviderException ex = await Assert.ThrowsAsync<ProviderException>(() => Client(SecretAuth()).GetSecretAsync(new RemoteReference(name, version), CancellationToken.None));

        Assert.Equal(ProviderFailure.NotFound, ex.Failure);
        Assert.Contains("404 (SecretNotFound)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSecret_Disabled_AuthFailed()
    {
        _azure.Vault.SetSecret("db-password", SecretValue);
        _azure.Vault.SetEnabled("db-password", false);

        ProviderException ex = await Assert.ThrowsAsync<ProviderException>(() => Client(SecretAuth()).GetSecretAsync(new RemoteReference("db-password"), CancellationToken.None));

        Assert.Equal(ProviderFailure.AuthFailed, ex.Failure);
        Assert.Contains("403 (Forbidden/SecretDisabled)", ex.Message, StringComparison.Ordinal);
        AssertNoCredential(ex, SecretValue);
    }

    [Fact]
    public async Task GetSecret_Throttled_ThrottledWithRetryAfterAndTheStorePaused()
    {
        _azure.Vault.SetSecret("db-password", SecretValue);
        AzureKeyVaultConnection connection = Connection(SecretAuth());
        _azure.Vault.FailNext(1, 429, TimeSpan.FromSeconds(7));

        ProviderException ex = await Assert.ThrowsAsync<ProviderException>(() => _registry.Get(connection).GetSecretAsync(new RemoteReference("db-password"), CancellationToken.None));

        Assert.Equal(ProviderFailure.Throttled, ex.Failure);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(7), _registry.Limiter(connection).PausedUntil);
        // The SDK did not retry the 429 itself: no request after it reached a secret.
        Assert.Equal(0, _azure.Vault.SecretRequests);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task GetSecret_ServerErrorOnEveryTry_Unavailable(int status)
    {
        _azure.Vault.SetSecret("db-password", SecretValue);
        _azure.Vault.FailNext(KeyVaultRetryPolicy.MaxRetries + 1, status);

        ProviderException ex = await Assert.ThrowsAsync<ProviderException>(() => Client(SecretAuth()).GetSecretAsync(new RemoteReference("db-password"), CancellationToken.None));

        Assert.Equal(ProviderFailure.Unavailable, ex.Failure);
        Assert.Contains($"answered {status}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSecret_OneTransient503_RetriedAndRead()
    {
        _azure.Vault.SetSecret("db-password", SecretValue);
        _azure.Vault.FailNext(1, 503);

        RemoteSecret secret = await Client(SecretAuth()).GetSecretAsync(new RemoteReference("db-password"), CancellationToken.None);

        Assert.Equal(SecretValue, Encoding.UTF8.GetString(secret.Value.Span));
    }

    [Fact]
    public async Task GetSecret_EntraUnavailable_Unavailable()
    {
        _azure.Vault.SetSecret("db-password", SecretValue);
        _azure.Login.FailNext(20, 503);

        ProviderException ex = await Assert.ThrowsAsync<ProviderException>(() => Client(SecretAuth()).GetSecretAsync(new RemoteReference("db-password"), CancellationToken.None));

        Assert.Equal(ProviderFailure.Unavailable, ex.Failure);
    }

    [Fact]
    public async Task GetSecret_TokenExpiredAtTheVault_AuthFailed()
    {
        FakeTimeProvider vaultClock = new(DateTimeOffset.UtcNow);
        await using AzureEmulator azure = await AzureEmulator.StartAsync(time: vaultClock);
        azure.Login.AddClientSecret(azure.TenantId, ClientId, ClientSecret);
        azure.Vault.GrantAll(ClientId);
        azure.Vault.SetSecret("db-password", SecretValue);
        ISecretProvider client = _registry.Get(new AzureKeyVaultConnection(azure.VaultUrl, azure.TenantId, azure.AuthorityHost, SecretAuth()) { CaBundlePem = azure.CaPem });
        await client.GetSecretAsync(new RemoteReference("db-password"), CancellationToken.None);
        // Only the emulator's clock moves: the SDK still holds its token as valid, as with a skewed clock.
        vaultClock.Advance(TimeSpan.FromHours(2));

        ProviderException ex = await Assert.ThrowsAsync<ProviderException>(() => client.GetSecretAsync(new RemoteReference("db-password"), CancellationToken.None));

        Assert.Equal(ProviderFailure.AuthFailed, ex.Failure);
        Assert.Contains("401", ex.Message, StringComparison.Ordinal);
        Assert.True(azure.Vault.RejectedTokens >= 1);
    }

    [Fact]
    public async Task GetSecret_CaBundleWithoutTheEmulatorCa_Unavailable()
    {
        using EmulatorCertificates other = EmulatorCertificates.Create("other");
        AzureKeyVaultConnection connection = Connection(SecretAuth()) with { CaBundlePem = other.CaPem };

        ProviderException ex = await Assert.ThrowsAsync<ProviderException>(() => _registry.Get(connection).GetSecretAsync(new RemoteReference("db-password"), CancellationToken.None));

        Assert.Equal(ProviderFailure.Unavailable, ex.Failure);
        Assert.Equal(0, _azure.Vault.Challenges);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("https://login.microsoftonline.com/")]
    [InlineData("https://login.microsoftonline.us/")]
    [InlineData("https://login.chinacloudapi.cn/")]
    public async Task GetSecret_MicrosoftAuthorityAndVaultOutsideTheChallengeResource_InvalidRequestBeforeAnyTokenRequest(string? authorityHost)
    {
        // A Microsoft cloud's authority keeps the SDK's check on: 127.0.0.1 is not under vault.azure.net, so the
        // challenge is refused before a token is requested (from anywhere).
        AzureKeyVaultConnection connection = Connection(SecretAuth()) with { AuthorityHost = authorityHost is null ? null : new Uri(authorityHost) };

        ProviderException ex = await Assert.ThrowsAsync<ProviderException>(() => _registry.Get(connection).GetSecretAsync(new RemoteReference("db-password"), CancellationToken.None));

        Assert.Equal(ProviderFailure.InvalidRequest, ex.Failure);
        Assert.Equal(1, _azure.Vault.Challenges);
        Assert.Equal(0, _azure.Login.TokenRequests(ClientId));
    }

    [Theory]
    [InlineData("http://127.0.0.1:1/", null, false)]
    [InlineData("http://127.0.0.1:1/", null, true)]
    [InlineData("https://127.0.0.1:1/", "http://127.0.0.1:2/", true)]
    public void Get_PlainHttpEndpoint_InvalidRequest(string vaultUrl, string? authorityHost, bool allowInsecure)
    {
        AzureKeyVaultConnection connection = new(new Uri(vaultUrl), AzureEmulator.DefaultTenantId, authorityHost is null ? null : new Uri(authorityHost), SecretAuth()) { AllowInsecureEndpoint = allowInsecure };

        ProviderException ex = Assert.Throws<ProviderException>(() => _registry.Get(connection));

        Assert.Equal(ProviderFailure.InvalidRequest, ex.Failure);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("db_password", null)]
    [InlineData("db/password", null)]
    [InlineData("db-password?api-version=1", null)]
    [InlineData("db-password", "../other")]
    [InlineData("db-password", "")]
    public async Task GetSecret_NameOrVersionKeyVaultRejects_InvalidRequestWithoutARequest(string name, string? version)
    {
        ProviderException ex = await Assert.ThrowsAsync<ProviderException>(() => Client(SecretAuth()).GetSecretAsync(new RemoteReference(name, version), CancellationToken.None));

        Assert.Equal(ProviderFailure.InvalidRequest, ex.Failure);
        Assert.Equal(0, _azure.Vault.Challenges);
    }

    [Fact]
    public async Task GetSecret_NameOf128Characters_InvalidRequest()
    {
        ProviderException ex = await Assert.ThrowsAsync<ProviderException>(() => Client(SecretAuth()).GetSecretAsync(new RemoteReference(new string('a', 128)), CancellationToken.None));

        Assert.Equal(ProviderFailure.InvalidRequest, ex.Failure);
    }

    private static AzureClientSecret SecretAuth() => new(ClientId, new SensitiveString(ClientSecret));

    private static void AssertNoCredential(ProviderException ex, string credential)
    {
        Assert.DoesNotContain(credential, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientSecret, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ServiceAccountToken, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretValue, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Bearer", ex.Message, StringComparison.OrdinalIgnoreCase);
        // Nor anywhere down the chain, which a log of the exception would print.
        Assert.DoesNotContain(credential, ex.ToString(), StringComparison.Ordinal);
    }

    private AzureKeyVaultConnection Connection(AzureAuth auth) =>
        new(_azure.VaultUrl, _azure.TenantId, _azure.AuthorityHost, auth) { CaBundlePem = _azure.CaPem };

    private ISecretProvider Client(AzureAuth auth) => _registry.Get(Connection(auth));

    private async Task<string> ExportAsync()
    {
        using MemoryStream stream = new();
        await _metrics.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
