// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;

namespace KeyOperator.Providers.Aws;

/// <summary>
/// Turns a Secrets Manager error answer into a <see cref="ProviderFailure"/>. Only <c>ResourceNotFoundException</c>
/// is a confirmed not-found: Secrets Manager sends it when the secret, or the version id or staging label asked for,
/// does not exist. A secret scheduled for deletion answers <c>InvalidRequestException</c> and is not taken as
/// deleted: it can still be restored until its recovery window ends.
/// </summary>
internal static class SecretsManagerErrors
{
    private static readonly HashSet<string> s_auth = new(StringComparer.Ordinal)
    {
        "AccessDeniedException", "AccessDenied", "UnrecognizedClientException", "InvalidSignatureException",
        "SignatureDoesNotMatch", "IncompleteSignature", "IncompleteSignatureException", "MissingAuthenticationToken",
        "MissingAuthenticationTokenException", "InvalidClientTokenId", "ExpiredTokenException", "ExpiredToken",
        "RequestExpired", "AuthFailure", "NotAuthorized",
    };

    private static readonly HashSet<string> s_expired = new(StringComparer.Ordinal)
    {
        "ExpiredTokenException", "ExpiredToken", "UnrecognizedClientException", "InvalidClientTokenId",
    };

    private static readonly HashSet<string> s_throttled = new(StringComparer.Ordinal)
    {
        "ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded", "ThrottledException",
        "RequestThrottledException", "SlowDown", "LimitExceededException",
    };

    private static readonly HashSet<string> s_unavailable = new(StringComparer.Ordinal)
    {
        "InternalServiceError", "InternalServiceErrorException", "InternalFailure", "ServiceUnavailable",
        "ServiceUnavailableException", "RequestTimeout", "RequestTimeoutException",
    };

    private static readonly HashSet<string> s_invalid = new(StringComparer.Ordinal)
    {
        "InvalidParameterException", "InvalidRequestException", "ValidationException", "InvalidParameterValue",
        "InvalidQueryParameter", "MalformedQueryString", "SerializationException", "UnknownOperationException",
    };

    /// <summary>The failure an error answer stands for.</summary>
    /// <param name="error">The error.</param>
    /// <returns>The failure.</returns>
    public static ProviderFailure Classify(AwsError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        string? code = error.Code;
        int status = (int)error.Status;
        return code switch
        {
            "ResourceNotFoundException" => ProviderFailure.NotFound,
            // KMS could not decrypt the value: the caller (or the secret's key policy) lacks kms:Decrypt, or the key is
            // disabled. A credential or policy problem, not an outage and not a deletion.
            "DecryptionFailure" or "DecryptionFailureException" => ProviderFailure.AuthFailed,
            _ when code is not null && s_throttled.Contains(code) => ProviderFailure.Throttled,
            _ when error.Status == HttpStatusCode.TooManyRequests => ProviderFailure.Throttled,
            _ when code is not null && s_auth.Contains(code) => ProviderFailure.AuthFailed,
            _ when code is not null && s_unavailable.Contains(code) => ProviderFailure.Unavailable,
            _ when status >= 500 => ProviderFailure.Unavailable,
            _ when error.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ProviderFailure.AuthFailed,
            _ when code is not null && s_invalid.Contains(code) => ProviderFailure.InvalidRequest,
            // A 4xx without the protocol's error code came from something that is not Secrets Manager (a proxy, a
            // wrong endpoint): transient as far as we can tell, and never a confirmation of anything.
            _ when code is null => ProviderFailure.Unavailable,
            _ when status >= 400 => ProviderFailure.InvalidRequest,
            _ => ProviderFailure.Unavailable,
        };
    }

    /// <summary>Whether the error says the credentials themselves are no longer good (temporary ones expired or unknown), so new ones are worth getting.</summary>
    /// <param name="error">The error.</param>
    /// <returns>True when the cached credentials should be dropped.</returns>
    public static bool CredentialsExpired(AwsError error) => error.Code is { } code && s_expired.Contains(code);

    /// <summary>A hint for the message, when the code has a usual cause.</summary>
    /// <param name="error">The error.</param>
    /// <returns>The hint with a leading space, or empty.</returns>
    public static string Hint(AwsError error) => error.Code switch
    {
        "AccessDeniedException" or "AccessDenied" => " (the identity's IAM policy must allow secretsmanager:GetSecretValue on this secret; see docs/providers/aws.md)",
        "SignatureDoesNotMatch" or "InvalidSignatureException" => " (the secret access key does not belong to the access key id)",
        "UnrecognizedClientException" or "InvalidClientTokenId" => " (the access key id or session token is not known to this account)",
        "ExpiredTokenException" or "ExpiredToken" => " (the session token expired)",
        "DecryptionFailure" => " (the identity needs kms:Decrypt on the secret's KMS key, or the key is disabled)",
        "InvalidRequestException" => " (a secret scheduled for deletion answers this too; it is not treated as deleted while it can be restored)",
        _ => string.Empty,
    };
}
