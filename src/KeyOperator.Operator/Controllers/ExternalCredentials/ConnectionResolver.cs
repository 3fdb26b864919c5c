// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using k8s.Models;
using KeyOperator.Operator.Controllers.Ports;
using KeyOperator.Operator.ExternalCredentials;
using KeyOperator.Providers;
using KeyOperator.Providers.Aws;
using KeyOperator.Providers.Azure;
using KeyOperator.Providers.Vault;

namespace KeyOperator.Operator.Controllers.ExternalCredentials;

/// <summary>
/// Turns a provider block into a <see cref="ProviderConnection"/>: reads the credential Secrets it names (by name, in
/// the ExternalCredential's own namespace only — the spec cannot name another) and binds ServiceAccount references to
/// TokenRequest. Only the Secrets a spec names are ever read.
/// </summary>
internal sealed class ConnectionResolver(ISecretStore secrets, IServiceAccountTokenIssuer tokens)
{
    public async Task<ProviderConnection> ResolveAsync(ExternalCredential credential, bool allowInsecure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        string ns = credential.Metadata.NamespaceProperty ?? throw new SyncFailure("the ExternalCredential has no namespace");
        ExternalProviderSpec provider = credential.Spec.Provider ?? throw new SyncFailure("spec.provider is required");
        ProviderConnection connection = provider switch
        {
            { Vault: { } vault } => await VaultAsync(ns, vault, cancellationToken).ConfigureAwait(false),
            { AwsSecretsManager: { } aws } => await AwsAsync(ns, aws, cancellationToken).ConfigureAwait(false),
            { AzureKeyVault: { } azure } => await AzureAsync(ns, azure, cancellationToken).ConfigureAwait(false),
            _ => throw new SyncFailure("spec.provider must set exactly one of vault, awsSecretsManager, azureKeyVault"),
        };
        return connection with { AllowInsecureEndpoint = allowInsecure };
    }

    /// <summary>The provider label of a spec, for status and metrics.</summary>
    public static string ProviderName(ExternalCredentialSpec spec) => spec.Provider switch
    {
        { Vault: not null } => "vault",
        { AwsSecretsManager: not null } => "aws",
        { AzureKeyVault: not null } => "azure",
        _ => "none",
    };

    private async Task<ProviderConnection> VaultAsync(string ns, VaultProviderSpec spec, CancellationToken cancellationToken)
    {
        VaultAuthSpec auth = spec.Auth ?? throw new SyncFailure("spec.provider.vault.auth is required");
        VaultAuth resolved = auth switch
        {
            { TokenSecretRef: { } tokenRef } => new VaultTokenAuth(await ReadAsync(ns, tokenRef, "spec.provider.vault.auth.tokenSecretRef", cancellationToken).ConfigureAwait(false)),
            { AppRole: { } appRole } => new VaultAppRoleAuth(
                appRole.Path is { Length: > 0 } path ? path : "approle",
                appRole.RoleId ?? throw new SyncFailure("spec.provider.vault.auth.appRole.roleId is required"),
                await ReadAsync(ns, appRole.SecretRef, "spec.provider.vault.auth.appRole.secretRef", cancellationToken).ConfigureAwait(false)),
            { Kubernetes: { } kubernetes } => new VaultKubernetesAuth(
                kubernetes.MountPath is { Length: > 0 } mount ? mount : "kubernetes",
                kubernetes.Role ?? throw new SyncFailure("spec.provider.vault.auth.kubernetes.role is required"),
                TokenSource(ns, kubernetes.ServiceAccountRef, "vault", "spec.provider.vault.auth.kubernetes.serviceAccountRef")),
            _ => throw new SyncFailure("spec.provider.vault.auth must set exactly one of tokenSecretRef, appRole, kubernetes"),
        };
        return new VaultConnection(
            Url(spec.Server, "spec.provider.vault.server"),
            string.IsNullOrEmpty(spec.Namespace) ? null : spec.Namespace,
            string.IsNullOrEmpty(spec.Path) ? "secret" : spec.Path.Trim('/'),
            spec.Version == "v1" ? VaultKvVersion.V1 : VaultKvVersion.V2,
            resolved)
        {
            CaBundlePem = Bundle(spec.CaBundle, "spec.provider.vault.caBundle"),
        };
    }

    private async Task<ProviderConnection> AwsAsync(string ns, AwsSecretsManagerProviderSpec spec, CancellationToken cancellationToken)
    {
        AwsAuthSpec auth = spec.Auth ?? throw new SyncFailure("spec.provider.awsSecretsManager.auth is required");
        AwsAuth resolved;
        if (auth.SecretRef is { } keys)
        {
            SensitiveString accessKey = await ReadAsync(ns, keys.AccessKeyIDSecretRef, "spec.provider.awsSecretsManager.auth.secretRef.accessKeyIDSecretRef", cancellationToken).ConfigureAwait(false);
            SensitiveString secretKey = await ReadAsync(ns, keys.SecretAccessKeySecretRef, "spec.provider.awsSecretsManager.auth.secretRef.secretAccessKeySecretRef", cancellationToken).ConfigureAwait(false);
            SensitiveString? session = keys.SessionTokenSecretRef is { } sessionRef
                ? await ReadAsync(ns, sessionRef, "spec.provider.awsSecretsManager.auth.secretRef.sessionTokenSecretRef", cancellationToken).ConfigureAwait(false)
                : null;
            // The access key id is an identifier, not a secret (it appears in every signed request's Authorization).
            resolved = new AwsStaticCredentials(accessKey.Reveal().Trim(), secretKey, session);
        }
        else if (auth.Jwt is { } jwt)
        {
            if (string.IsNullOrEmpty(spec.Role))
            {
                throw new SyncFailure("spec.provider.awsSecretsManager.role is required with auth.jwt (web identity assumes that role)");
            }

            resolved = new AwsWebIdentity(TokenSource(ns, jwt.ServiceAccountRef, "sts.amazonaws.com", "spec.provider.awsSecretsManager.auth.jwt.serviceAccountRef"));
        }
        else
        {
            throw new SyncFailure("spec.provider.awsSecretsManager.auth must set exactly one of secretRef, jwt");
        }

        return new AwsSecretsManagerConnection(
            spec.Region ?? throw new SyncFailure("spec.provider.awsSecretsManager.region is required"),
            spec.Endpoint is { Length: > 0 } endpoint ? Url(endpoint, "spec.provider.awsSecretsManager.endpoint") : null,
            string.IsNullOrEmpty(spec.Role) ? null : spec.Role,
            resolved)
        {
            StsEndpoint = spec.StsEndpoint is { Length: > 0 } sts ? Url(sts, "spec.provider.awsSecretsManager.stsEndpoint") : null,
            CaBundlePem = Bundle(spec.CaBundle, "spec.provider.awsSecretsManager.caBundle"),
        };
    }

    private async Task<ProviderConnection> AzureAsync(string ns, AzureKeyVaultProviderSpec spec, CancellationToken cancellationToken)
    {
        AzureAuthSpec auth = spec.Auth ?? throw new SyncFailure("spec.provider.azureKeyVault.auth is required");
        AzureAuth resolved = auth switch
        {
            { ClientSecret: { } secret } => new AzureClientSecret(
                secret.ClientId ?? throw new SyncFailure("spec.provider.azureKeyVault.auth.clientSecret.clientId is required"),
                await ReadAsync(ns, secret.SecretRef, "spec.provider.azureKeyVault.auth.clientSecret.secretRef", cancellationToken).ConfigureAwait(false)),
            { WorkloadIdentity: { } workload } => new AzureWorkloadIdentity(
                workload.ClientId ?? throw new SyncFailure("spec.provider.azureKeyVault.auth.workloadIdentity.clientId is required"),
                TokenSource(ns, workload.ServiceAccountRef, "api://AzureADTokenExchange", "spec.provider.azureKeyVault.auth.workloadIdentity.serviceAccountRef")),
            _ => throw new SyncFailure("spec.provider.azureKeyVault.auth must set exactly one of clientSecret, workloadIdentity"),
        };
        return new AzureKeyVaultConnection(
            Url(spec.VaultUrl, "spec.provider.azureKeyVault.vaultUrl"),
            spec.TenantId ?? throw new SyncFailure("spec.provider.azureKeyVault.tenantId is required"),
            spec.AuthorityHost is { Length: > 0 } authority ? Url(authority, "spec.provider.azureKeyVault.authorityHost") : null,
            resolved)
        {
            CaBundlePem = Bundle(spec.CaBundle, "spec.provider.azureKeyVault.caBundle"),
        };
    }

    private ServiceAccountTokenSource TokenSource(string ns, ServiceAccountSelector? selector, string defaultAudience, string field)
    {
        if (selector?.Name is not { Length: > 0 } name)
        {
            throw new SyncFailure($"{field}.name is required");
        }

        IReadOnlyList<string> audiences = selector.Audiences is { Count: > 0 } given ? given : [defaultAudience];
        return new ServiceAccountTokenSource(tokens, ns, name, audiences);
    }

    private async Task<SensitiveString> ReadAsync(string ns, SecretKeySelector? selector, string field, CancellationToken cancellationToken)
    {
        if (selector is not { Name: { Length: > 0 } name, Key: { Length: > 0 } key })
        {
            throw new SyncFailure($"{field} needs name and key");
        }

        V1Secret secret = await secrets.GetAsync(ns, name, ReadFrom.Server, cancellationToken).ConfigureAwait(false)
            ?? throw new SyncFailure(ExternalCredentialReasons.AuthFailed, $"{field}: Secret {ns}/{name} does not exist");
        if (secret.Data?.TryGetValue(key, out byte[]? value) != true || value is null || value.Length == 0)
        {
            throw new SyncFailure(ExternalCredentialReasons.AuthFailed, $"{field}: Secret {ns}/{name} has no key {key}");
        }

        return new SensitiveString(Encoding.UTF8.GetString(value));
    }

    private static Uri Url(string? text, string field) =>
        Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && uri.Scheme is "https" or "http"
            ? uri
            : throw new SyncFailure($"{field} must be an absolute https:// URL");

    private static string? Bundle(string? base64, string field)
    {
        if (string.IsNullOrEmpty(base64))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            throw new SyncFailure($"{field} must be base64-encoded PEM");
        }
    }
}
