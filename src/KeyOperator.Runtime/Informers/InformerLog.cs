// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Logging;

namespace KeyOperator.Runtime.Informers;

/// <summary>Log messages of the informers (event ids 3100–3199).</summary>
internal static partial class InformerLog
{
    [LoggerMessage(3100, LogLevel.Information, "Informer {Informer} listed {Count} objects at resourceVersion {ResourceVersion}", EventName = "InformerListed")]
    public static partial void Listed(ILogger logger, string informer, int count, string resourceVersion);

    [LoggerMessage(3101, LogLevel.Information, "Informer {Informer}: resourceVersion expired (410), relisting", EventName = "InformerExpired")]
    public static partial void Expired(ILogger logger, string informer);

    [LoggerMessage(3102, LogLevel.Warning, "Informer {Informer}: watch silent past its timeout, restarting it", EventName = "InformerWatchdog")]
    public static partial void WatchdogFired(ILogger logger, string informer);

    [LoggerMessage(3103, LogLevel.Warning, "Informer {Informer}: list or watch failed, retrying in {DelayMs} ms", EventName = "InformerFailed")]
    public static partial void Failed(ILogger logger, Exception exception, string informer, double delayMs);

    [LoggerMessage(3104, LogLevel.Error, "Informer {Informer}: an event handler threw", EventName = "InformerHandlerFailed")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string informer);

    [LoggerMessage(3105, LogLevel.Debug, "Informer {Informer}: watch closed, resuming from resourceVersion {ResourceVersion}", EventName = "InformerWatchClosed")]
    public static partial void WatchClosed(ILogger logger, string informer, string resourceVersion);
}
