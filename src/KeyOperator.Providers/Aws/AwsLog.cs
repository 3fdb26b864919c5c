// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Logging;

namespace KeyOperator.Providers.Aws;

/// <summary>Log messages of the AWS Secrets Manager client (event ids 4200–4299). They name endpoints, regions, access key ids and roles, never secret keys, session tokens, web identity tokens or values.</summary>
internal static partial class AwsLog
{
    [LoggerMessage(4200, LogLevel.Information, "Created the Secrets Manager client for {Endpoint} in {Region} with {Credentials}", EventName = "AwsClientCreated")]
    public static partial void ClientCreated(ILogger logger, string endpoint, string region, string credentials);

    [LoggerMessage(4201, LogLevel.Information, "STS {Operation} for {Role} at {Sts}: credentials {AccessKeyId} until {Expiration}", EventName = "AwsAssumedRole")]
    public static partial void AssumedRole(ILogger logger, string operation, string role, string sts, string accessKeyId, DateTimeOffset expiration);

    [LoggerMessage(4202, LogLevel.Warning, "STS {Operation} for {Role} failed; the current credentials are kept until {Expiration}", EventName = "AwsRefreshFailed")]
    public static partial void RefreshFailed(ILogger logger, Exception exception, string operation, string role, DateTimeOffset expiration);

    [LoggerMessage(4203, LogLevel.Information, "Secrets Manager refused the temporary credentials {AccessKeyId} ({Code}); new ones are obtained before the next read", EventName = "AwsCredentialsExpired")]
    public static partial void CredentialsExpired(ILogger logger, string accessKeyId, string code);

    [LoggerMessage(4204, LogLevel.Debug, "Reading {SecretId} from {Endpoint} failed: {Failure} ({Detail})", EventName = "AwsReadFailed")]
    public static partial void ReadFailed(ILogger logger, string endpoint, string secretId, ProviderFailure failure, string detail);

    [LoggerMessage(4205, LogLevel.Information, "Secrets Manager at {Endpoint} throttled a read ({Code}): every client of the store pauses for {Pause}", EventName = "AwsThrottled")]
    public static partial void Throttled(ILogger logger, string endpoint, string code, TimeSpan pause);
}
