// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using Amazon.Runtime;

namespace KeyOperator.Providers.Aws;

/// <summary>
/// Turns the STS client's failures into <see cref="ProviderException"/>s, from the HTTP status and STS's error code
/// only (the SDK's messages can quote the request, and the web identity token is in the request).
/// </summary>
internal static class StsErrors
{
    public static ProviderException? Map(Exception exception, string operation, string role, string sts, CancellationToken cancellationToken)
    {
        string what = $"STS {sts}: {operation} for {role}";
        switch (exception)
        {
            case ProviderException provider:
                // The workload token source's own failure.
                return provider;
            case AmazonServiceException service when service.StatusCode != 0:
                string code = AwsError.Sanitize(service.ErrorCode) ?? "(no error code)";
                string message = $"{what} answered {(int)service.StatusCode} {code}";
                return (service.StatusCode, code) switch
                {
                    (HttpStatusCode.TooManyRequests, _) or (_, "Throttling" or "ThrottlingException" or "RequestLimitExceeded") =>
                        new ProviderException(ProviderFailure.Throttled, message, null, exception),
                    (>= HttpStatusCode.InternalServerError, _) or (_, "IDPCommunicationError" or "InternalFailure" or "ServiceUnavailable") =>
                        new ProviderException(ProviderFailure.Unavailable, message, null, exception),
                    (_, "MalformedPolicyDocument" or "PackedPolicyTooLarge" or "ValidationError" or "InvalidParameterValue") =>
                        new ProviderException(ProviderFailure.InvalidRequest, message, null, exception),
                    (_, "RegionDisabledException" or "RegionDisabled") =>
                        new ProviderException(ProviderFailure.InvalidRequest, message + " (STS is not activated in this region)", null, exception),
                    _ => new ProviderException(ProviderFailure.AuthFailed, message + Hint(code), null, exception),
                };
            case OperationCanceledException when !cancellationToken.IsCancellationRequested:
                return new ProviderException(ProviderFailure.Unavailable, $"{what} timed out", null, exception);
            case AmazonServiceException or AmazonClientException or HttpRequestException or IOException:
                return new ProviderException(ProviderFailure.Unavailable, $"{what}: no answer ({Describe(exception)})", null, exception);
            default:
                return null;
        }
    }

    private static string Hint(string code) => code switch
    {
        "AccessDenied" => " (the source identity may not assume the role: check its IAM policy for sts:AssumeRole on the role, and the role's trust policy)",
        "InvalidIdentityToken" or "IDPRejectedClaim" => " (the role's trust policy must trust the cluster's OIDC issuer, audience sts.amazonaws.com and this ServiceAccount's subject)",
        "ExpiredToken" or "ExpiredTokenException" => " (the token expired)",
        _ => string.Empty,
    };

    /// <summary>A network failure by type and socket error, never by message (which may quote the server).</summary>
    private static string Describe(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is System.Security.Authentication.AuthenticationException)
            {
                return "the TLS handshake failed; is the caBundle the CA that signed the endpoint's certificate?";
            }

            if (e is HttpRequestException { HttpRequestError: not HttpRequestError.Unknown } http)
            {
                return http.HttpRequestError.ToString();
            }
        }

        return exception.GetType().Name;
    }
}
