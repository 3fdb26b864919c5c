// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Logging;

namespace KeyOperator.Providers.Azure;

/// <summary>Log messages of the Azure Key Vault client (event ids 4300–4399). They name vaults, clients and error codes, never secrets, tokens or assertions.</summary>
internal static partial class AzureLog
{
    [LoggerMessage(4300, LogLevel.Information, "Created the Key Vault client for {Vault} as client {ClientId} ({Method}) at authority {Authority}", EventName = "AzureKeyVaultClientCreated")]
    public static partial void ClientCreated(ILogger logger, string vault, string clientId, string method, string authority);

    [LoggerMessage(4301, LogLevel.Information, "Authority {Authority} is not a Microsoft cloud: instance discovery and the challenge-resource check are off for {Vault} (a token from this authority is worthless at a real Key Vault)", EventName = "AzureCustomAuthority")]
    public static partial void CustomAuthority(ILogger logger, string authority, string vault);

    [LoggerMessage(4302, LogLevel.Debug, "Reading {Name} from {Vault} failed: {Failure} ({Detail})", EventName = "AzureReadFailed")]
    public static partial void ReadFailed(ILogger logger, string vault, string name, ProviderFailure failure, string detail);
}
