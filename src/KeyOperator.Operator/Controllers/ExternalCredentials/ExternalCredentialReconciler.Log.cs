// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Logging;

namespace KeyOperator.Operator.Controllers.ExternalCredentials;

/// <summary>Log messages of the ExternalCredential controller (event ids 3700–3709); names and reasons, never values.</summary>
internal sealed partial class ExternalCredentialReconciler
{
    [LoggerMessage(EventId = 3700, Level = LogLevel.Information, Message = "Synced ExternalCredential {Namespace}/{Name} from {Provider} into Secret {Secret} (data version {DataVersion}, changed: {Changed})")]
    private partial void LogSynced(string? @namespace, string? name, string provider, string secret, int dataVersion, bool changed);

    [LoggerMessage(EventId = 3701, Level = LogLevel.Warning, Message = "Sync of ExternalCredential {Namespace}/{Name} from {Provider} failed ({Reason}): {Message}; the Secret keeps its last data")]
    private partial void LogSyncFailed(string? @namespace, string? name, string provider, string reason, string message);

    [LoggerMessage(EventId = 3702, Level = LogLevel.Information, Message = "Restarting {Kind} {Namespace}/{Workload} for ExternalCredential {Name} data version {DataVersion}")]
    private partial void LogRestart(string kind, string? @namespace, string? workload, string? name, int dataVersion);

    [LoggerMessage(EventId = 3703, Level = LogLevel.Debug, Message = "Restarts of ExternalCredential {Namespace}/{Name} data version {DataVersion} wait until {LookAgain} for ApiKeys of the same workloads about to rotate")]
    private partial void LogRestartDeferred(string? @namespace, string? name, int dataVersion, DateTimeOffset lookAgain);
}
