// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;

namespace KeyOperator.Providers.Aws;

/// <summary>
/// Reads secrets from one Secrets Manager endpoint as one identity with <c>secretsmanager.GetSecretValue</c>, the only
/// call the operator makes, signed with SigV4. The HTTP client is the registry's (trust, rate limit, request metrics);
/// a <c>ThrottlingException</c>, which comes with a 400 rather than a 429, pauses the store's limiter here.
/// </summary>
internal sealed class SecretsManagerClient(
    Uri endpoint,
    string region,
    IAwsCredentialSource credentials,
    HttpClient http,
    ProviderRateLimiter limiter,
    TimeProvider time,
    ILogger logger) : ISecretProvider, IDisposable
{
    private readonly string _endpointName = endpoint.GetLeftPart(UriPartial.Authority);

    public string Provider => "aws";

    public async Task<RemoteSecret> GetSecretAsync(RemoteReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        GetSecretValueRequest body = SecretsManagerVersion.Request(reference);
        string what = Describe(body);
        ImmutableCredentials signing = await credentials.GetAsync(cancellationToken).ConfigureAwait(false);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(body, AwsJsonContext.Default.GetSecretValueRequest);
        (HttpStatusCode status, string? errorType, byte[] content) = await SendAsync(json, signing, what, cancellationToken).ConfigureAwait(false);
        if (status == HttpStatusCode.OK)
        {
            return Parse(content, what);
        }

        AwsError error = AwsError.Parse(status, errorType, content);
        ProviderFailure failure = SecretsManagerErrors.Classify(error);
        TimeSpan? retryAfter = null;
        if (failure == ProviderFailure.Throttled)
        {
            // A 429 has paused the store in the request handler already; a ThrottlingException in a 400 has not.
            retryAfter = status == HttpStatusCode.TooManyRequests ? limiter.PausedUntil - time.GetUtcNow() : limiter.Throttled(null);
            AwsLog.Throttled(logger, _endpointName, error.Code ?? "429", retryAfter.Value);
        }
        else if (failure == ProviderFailure.AuthFailed && SecretsManagerErrors.CredentialsExpired(error))
        {
            credentials.Expired(signing);
        }

        string message = $"Secrets Manager {_endpointName}: GetSecretValue of {what} as {credentials.Describe}: {error.Describe()}{SecretsManagerErrors.Hint(error)}";
        AwsLog.ReadFailed(logger, _endpointName, reference.Key, failure, error.Describe());
        throw new ProviderException(failure, message, retryAfter is { } pause && pause > TimeSpan.Zero ? pause : null);
    }

    public void Dispose()
    {
        credentials.Dispose();
        http.Dispose();
    }

    private static string Describe(GetSecretValueRequest body) => body switch
    {
        { VersionId: { } id } => $"secret {body.SecretId} version id {id}",
        { VersionStage: { } stage } => $"secret {body.SecretId} stage {stage}",
        _ => $"secret {body.SecretId}",
    };

    private static RemoteSecret Parse(byte[] content, string what)
    {
        GetSecretValueResponse? response;
        try
        {
            response = JsonSerializer.Deserialize(content, AwsJsonContext.Default.GetSecretValueResponse);
        }
        catch (JsonException ex)
        {
            // The exception's message can quote the body (the value): only its position is kept.
            throw new ProviderException(ProviderFailure.Unavailable, $"Secrets Manager answered GetSecretValue of {what} with JSON it could not read (line {ex.LineNumber}, position {ex.BytePositionInLine})");
        }

        if (response?.SecretString is { } text)
        {
            return new RemoteSecret(Encoding.UTF8.GetBytes(text), response.VersionId);
        }

        if (response?.SecretBinary is { } binary)
        {
            return new RemoteSecret(binary, response.VersionId);
        }

        throw new ProviderException(ProviderFailure.Unavailable, $"Secrets Manager answered GetSecretValue of {what} with neither SecretString nor SecretBinary");
    }

    private async Task<(HttpStatusCode Status, string? ErrorType, byte[] Content)> SendAsync(byte[] json, ImmutableCredentials signing, string what, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = SecretsManagerRequest.Create(endpoint, region, "GetSecretValue", json, signing, time.GetUtcNow());
        try
        {
            using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            byte[] content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            string? errorType = response.Headers.TryGetValues("X-Amzn-ErrorType", out IEnumerable<string>? values) ? values.FirstOrDefault() : null;
            return (response.StatusCode, errorType, content);
        }
        catch (HttpRequestException ex)
        {
            string why = ExceptionChain.Find<AuthenticationException>(ex) is not null
                ? "the TLS handshake failed (is the caBundle the CA that signed the endpoint's certificate?)"
                : "no response (" + (ex.HttpRequestError == HttpRequestError.Unknown ? "connection failed" : ex.HttpRequestError.ToString()) + ")";
            throw new ProviderException(ProviderFailure.Unavailable, $"Secrets Manager {_endpointName}: GetSecretValue of {what}: {why}", null, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ProviderException(ProviderFailure.Unavailable, $"Secrets Manager {_endpointName}: GetSecretValue of {what}: timed out", null, ex);
        }
    }
}
