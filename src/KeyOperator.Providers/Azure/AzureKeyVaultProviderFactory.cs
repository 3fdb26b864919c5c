// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using global::Azure.Core;
using global::Azure.Core.Pipeline;
using global::Azure.Identity;
using global::Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyOperator.Providers.Azure;

/// <summary>
/// Creates the Azure Key Vault clients the <see cref="SecretProviderRegistry"/> shares, one per vault and identity:
/// a <see cref="SecretClient"/> over the registry's HTTP client (its trust, rate limit and metrics) with one Entra ID
/// credential, a client secret or a workload-identity client assertion.
/// </summary>
public sealed class AzureKeyVaultProviderFactory : ISecretProviderFactory
{
    // Microsoft's clouds: instance discovery knows them, and their tokens are good at real vaults, so the SDK's
    // challenge-resource check must stay on. Any other authority host is custom (Azure Stack, a test emulator).
    private static readonly HashSet<string> s_microsoftAuthorities = new(StringComparer.OrdinalIgnoreCase)
    {
        AzureAuthorityHosts.AzurePublicCloud.Host,
        AzureAuthorityHosts.AzureGovernment.Host,
        AzureAuthorityHosts.AzureChina.Host,
        "login.windows.net",
        "login.microsoft.com",
        "sts.windows.net",
        "login.partner.microsoftonline.cn",
    };

    private readonly ProviderMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the factory.</summary>
    /// <param name="metrics">Counts token requests as logins.</param>
    /// <param name="time">The clock Retry-After dates are measured with.</param>
    /// <param name="loggerFactory">Logs client creation and failures, if given.</param>
    public AzureKeyVaultProviderFactory(ProviderMetrics metrics, TimeProvider time, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(time);
        _metrics = metrics;
        _time = time;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("KeyOperator.Providers.Azure");
    }

    /// <inheritdoc />
    public bool CanCreate(ProviderConnection connection) => connection is AzureKeyVaultConnection;

    /// <inheritdoc />
    public ISecretProvider Create(ProviderConnection connection, HttpClient http, ProviderRateLimiter limiter)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (connection is not AzureKeyVaultConnection vault)
        {
            throw new ArgumentException("not an Azure Key Vault connection", nameof(connection));
        }

        Uri authority = vault.AuthorityHost ?? AzureAuthorityHosts.AzurePublicCloud;
        ProviderTransport.EnsureAllowed(vault.VaultUrl, vault.AllowInsecureEndpoint);
        ProviderTransport.EnsureAllowed(authority, vault.AllowInsecureEndpoint);
        // The SDK sends bearer tokens over TLS only (and Azure.Identity takes only https authorities), whatever the
        // admission policy allows: refuse here, at creation, instead of failing every read.
        if (vault.VaultUrl.Scheme != Uri.UriSchemeHttps || authority.Scheme != Uri.UriSchemeHttps)
        {
            throw new ProviderException(ProviderFailure.InvalidRequest, "Azure Key Vault and Entra ID endpoints must be https:// (bearer tokens are never sent over plain HTTP)");
        }

        bool custom = !s_microsoftAuthorities.Contains(authority.Host);
        HttpClientTransport transport = new(http);
        TokenCredential credential;
        string method;
        try
        {
            (credential, method) = vault.Auth switch
            {
                AzureClientSecret secret => ((TokenCredential)new ClientSecretCredential(vault.TenantId, secret.ClientId, secret.Secret.Reveal(), CredentialOptions(new ClientSecretCredentialOptions { DisableInstanceDiscovery = custom }, authority, transport)), "client secret"),
                AzureWorkloadIdentity workload => (new ClientAssertionCredential(vault.TenantId, workload.ClientId, ct => AssertionAsync(workload.Tokens, ct), CredentialOptions(new ClientAssertionCredentialOptions { DisableInstanceDiscovery = custom }, authority, transport)), "workload identity"),
                _ => throw new ProviderException(ProviderFailure.InvalidRequest, "unsupported Azure auth"),
            };
        }
        catch (ArgumentException ex)
        {
            // Azure.Identity checks the tenant id's characters; its message names the parameter, not a credential.
            throw new ProviderException(ProviderFailure.InvalidRequest, $"tenantId or clientId is not valid for Entra ID ({ex.ParamName})", null, ex);
        }

        SecretClientOptions options = new()
        {
            Transport = transport,
            RetryPolicy = new KeyVaultRetryPolicy(),
            // See docs/providers/azure.md: the check needs the vault's host to be a subdomain of the challenge's
            // resource (myvault.vault.azure.net under vault.azure.net). A token from a custom authority is not accepted
            // by any real vault, so the check protects nothing there, and it cannot pass for a vault on localhost.
            DisableChallengeResourceVerification = custom,
        };
        if (custom)
        {
            AzureLog.CustomAuthority(_logger, authority.Authority, vault.VaultUrl.Authority);
        }

        SecretClient client = new(vault.VaultUrl, credential, options);
        AzureLog.ClientCreated(_logger, vault.VaultUrl.Authority, vault.Auth.ClientId, method, authority.Authority);
        return new KeyVaultClient(client, http, vault.VaultUrl.Authority, vault.Auth.ClientId, authority.Authority, _time, _logger);
    }

    private T CredentialOptions<T>(T options, Uri authority, HttpClientTransport transport)
        where T : TokenCredentialOptions
    {
        options.AuthorityHost = authority;
        options.Transport = transport;
        options.RetryPolicy = new KeyVaultRetryPolicy();
        options.AddPolicy(new LoginCountingPolicy(_metrics), HttpPipelinePosition.PerCall);
        return options;
    }

    // A fresh ServiceAccount token per login: MSAL calls this only when it has no valid access token cached.
    private static async Task<string> AssertionAsync(IWorkloadTokenSource tokens, CancellationToken cancellationToken) =>
        (await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false)).Reveal();
}
