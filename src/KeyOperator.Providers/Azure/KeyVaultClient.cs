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
        catch (RequestFailedException ex)
        {
            throw Logged(KeyVaultErrors.FromResponse(ex, vault, reference, time), reference);
        }
        catch (AuthenticationFailedException ex)
        {
            throw Logged(KeyVaultErrors.FromLogin(ex, clientId, authority, time), reference);
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("The challenge ", StringComparison.Ordinal))
        {
            // The challenge-resource check: the endpoint asked for a token of a resource its host does not belong to,
            // so it is not the vault it claims to be (or vaultUrl is not a Key Vault URL). No token was sent.
            throw Logged(new ProviderException(ProviderFailure.InvalidRequest, $"{vault} is not an Azure Key Vault of the resource its authentication challenge names: check vaultUrl", null, ex), reference);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Logged(new ProviderException(ProviderFailure.Unavailable, $"Key Vault {vault} timed out for secret {reference.Key}", null, ex), reference);
        }
    }

    public void Dispose() => http.Dispose();

    private ProviderException Logged(ProviderException exception, RemoteReference reference)
    {
        AzureLog.ReadFailed(logger, vault, reference.Key, exception.Failure, exception.Message);
        return exception;
    }
}
