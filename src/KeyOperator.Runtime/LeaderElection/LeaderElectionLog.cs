// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Logging;

namespace KeyOperator.Runtime.LeaderElection;

/// <summary>Log messages of leader election (event ids 3400–3499).</summary>
internal static partial class LeaderElectionLog
{
    [LoggerMessage(3400, LogLevel.Information, "{Identity} is trying to acquire lease {Lease}", EventName = "LeaseAcquiring")]
    public static partial void Acquiring(ILogger logger, string identity, string lease);

    [LoggerMessage(3401, LogLevel.Information, "{Identity} acquired lease {Lease}", EventName = "LeaseAcquired")]
    public static partial void Acquired(ILogger logger, string identity, string lease);

    [LoggerMessage(3402, LogLevel.Warning, "{Identity} failed to renew lease {Lease} within the renew deadline; leadership lost", EventName = "LeaseLost")]
    public static partial void Lost(ILogger logger, string identity, string lease);

    [LoggerMessage(3403, LogLevel.Information, "{Identity} released lease {Lease}", EventName = "LeaseReleased")]
    public static partial void Released(ILogger logger, string identity, string lease);

    [LoggerMessage(3404, LogLevel.Debug, "Lease {Lease} attempt failed", EventName = "LeaseAttemptFailed")]
    public static partial void AttemptFailed(ILogger logger, Exception exception, string lease);

    [LoggerMessage(3405, LogLevel.Information, "New leader of {Lease} is {Holder}", EventName = "LeaseNewLeader")]
    public static partial void NewLeader(ILogger logger, string lease, string holder);

    [LoggerMessage(3406, LogLevel.Error, "The leading callback of {Lease} failed", EventName = "LeaderCallbackFailed")]
    public static partial void CallbackFailed(ILogger logger, Exception exception, string lease);
}
