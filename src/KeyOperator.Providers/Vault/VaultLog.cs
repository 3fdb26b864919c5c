// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Logging;

namespace KeyOperator.Providers.Vault;

/// <summary>Log messages of the Vault client (event ids 4100–4199). They name servers, mounts and TTLs, never tokens or values.</summary>
internal static partial class VaultLog
{
    [LoggerMessage(4100, LogLevel.Information, "Logged in to Vault {Server} at auth/{AuthPath} ({Method}): token lease {Lease}, renewable {Renewable}", EventName = "VaultLoggedIn")]
    public static partial void LoggedIn(ILogger logger, string server, string authPath, string method, TimeSpan lease, bool renewable);

    [LoggerMessage(4101, LogLevel.Debug, "Renewed the Vault token at {Server}: lease {Lease}", EventName = "VaultTokenRenewed")]
    public static partial void Renewed(ILogger logger, string server, TimeSpan lease);

    [LoggerMessage(4102, LogLevel.Information, "Vault token at {Server}: ttl {Ttl} (zero: no expiry), renewable {Renewable}", EventName = "VaultTokenLookedUp")]
    public static partial void LookedUp(ILogger logger, string server, TimeSpan ttl, bool renewable);

    [LoggerMessage(4103, LogLevel.Warning, "Renewing the Vault token at {Server} failed; the current token is kept until {ExpiresAt}", EventName = "VaultRenewFailed")]
    public static partial void RenewFailed(ILogger logger, Exception exception, string server, DateTimeOffset expiresAt);

    [LoggerMessage(4104, LogLevel.Information, "Vault {Server} refused the token for {Path}; it is checked (lookup-self) before its next use", EventName = "VaultTokenSuspect")]
    public static partial void Suspect(ILogger logger, string server, string path);

    [LoggerMessage(4105, LogLevel.Warning, "The Vault token at {Server} is not renewable and expires at {ExpiresAt}: replace it before then", EventName = "VaultTokenNotRenewable")]
    public static partial void NotRenewable(ILogger logger, string server, DateTimeOffset expiresAt);

    [LoggerMessage(4106, LogLevel.Information, "The Vault token at {Server} can no longer be extended ({Reason}); logging in again", EventName = "VaultLoginAgain")]
    public static partial void LoginAgain(ILogger logger, string server, string reason);
}
