// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Logging;

namespace KeyOperator.Runtime.Controllers;

/// <summary>Log messages of the controllers (event ids 3300–3399). Keys are namespace/name, never object content.</summary>
internal static partial class ControllerLog
{
    [LoggerMessage(3300, LogLevel.Information, "Controller {Controller} waiting for caches to sync", EventName = "ControllerWaitingForSync")]
    public static partial void WaitingForSync(ILogger logger, string controller);

    [LoggerMessage(3301, LogLevel.Information, "Controller {Controller} started {Workers} workers", EventName = "ControllerStarted")]
    public static partial void Started(ILogger logger, string controller, int workers);

    [LoggerMessage(3302, LogLevel.Error, "Controller {Controller} failed to reconcile {Key}; retry {Retries}", EventName = "ReconcileFailed")]
    public static partial void ReconcileFailed(ILogger logger, Exception exception, string controller, string key, int retries);

    [LoggerMessage(3303, LogLevel.Debug, "Controller {Controller}: conflict on {Key}, requeued", EventName = "ReconcileConflict")]
    public static partial void Conflict(ILogger logger, string controller, string key);

    [LoggerMessage(3304, LogLevel.Information, "Controller {Controller} stopped", EventName = "ControllerStopped")]
    public static partial void Stopped(ILogger logger, string controller);

    [LoggerMessage(3305, LogLevel.Error, "Controller manager: a controller stopped with an error", EventName = "ControllerCrashed")]
    public static partial void ControllerCrashed(ILogger logger, Exception exception);

    [LoggerMessage(3306, LogLevel.Critical, "Controller manager: leadership lost, stopping the host", EventName = "LeadershipLost")]
    public static partial void LeadershipLost(ILogger logger);
}
