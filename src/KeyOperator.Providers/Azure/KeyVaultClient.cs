// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using global::Azure;
using global::Azure.Identity;
using global::Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging;

namespace KeyOperator.Providers.Azure;

/// <summary>
/// Reads secrets from one vault as one identity. The <see cref="SecretClient"/> and its credential live as long as
/// this shared client, so the SDK's token cache (MSAL's, then the challenge policy's) serves every read until the
/// token is near expiry: one token request per identity, not per read.
/// </summary>
internal sealed class KeyVaultClient(SecretClient client, HttpClient http, string vault, string clientId, string authority, TimeProvider time, ILogger logger) : ISecretProvider, IDisposable
{
    public string Provider => "azure";

    public async Task<RemoteSecret> GetSecretAsync(RemoteReference reference, CancellationToken cancellationToken)
    {
        KeyVaultNames.Validate(reference);
        try
        {
            Response<KeyVaultSecret> response = await client.GetSecretAsync(reference.Key, reference.Version, cancellationToken).ConfigureAwait(false);
            KeyVaultSecret secret = response.Value;
            return new RemoteSecret(Encoding.UTF8.GetBytes(secret.Value ?? string.Empty), secret.Properties.Version);
        }
        catch (Exception ex) when (Map(ex, reference, cancellationToken) is { } mapped)
        {
            AzureLog.ReadFailed(logger, vault, reference.Key, mapped.Failure, mapped.Message);
            throw mapped;
        }
    }

    public void Dispose() => http.Dispose();

    private ProviderException? Map(Exception exception, RemoteReference reference, CancellationToken cancellationToken) => exception switch
    {
        RequestFailedException failed => KeyVaultErrors.FromResponse(failed, vault, reference, time),
        AuthenticationFailedException login => KeyVaultErrors.FromLogin(login, clientId, authority, time),
        // The SDK's retry policy gives up on repeated transport errors with "Retry failed after N tries": the last
        // attempt's error is the one to report.
        AggregateException { InnerExceptions: [.., Exception last] } => Map(last, reference, cancellationToken),
        // The challenge-resource check: the endpoint asked for a token of a resource its host does not belong to,
        // so it is not the vault it claims to be (or vaultUrl is not a Key Vault URL). No token was sent.
        InvalidOperationException when exception.Message.StartsWith("The challenge ", StringComparison.Ordinal) =>
            new ProviderException(ProviderFailure.InvalidRequest, $"{vault} is not an Azure Key Vault of the resource its authentication challenge names: check vaultUrl", null, exception),
        OperationCanceledException when !cancellationToken.IsCancellationRequested =>
            new ProviderException(ProviderFailure.Unavailable, $"Key Vault {vault} timed out for secret {reference.Key}", null, exception),
        _ => null,
    };
}
