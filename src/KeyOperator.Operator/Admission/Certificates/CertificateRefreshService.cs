// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KeyOperator.Operator.Admission.Certificates;

/// <summary>
/// Runs the serving certificate provider's refresh on every replica (admission is not a leader-only duty).
/// The first refresh happens before start-up completes so the listener rarely has to refuse a handshake.
/// </summary>
internal sealed partial class CertificateRefreshService(
    IServingCertificateProvider provider,
    TimeProvider timeProvider,
    ILogger<CertificateRefreshService> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshOnceAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(provider.RefreshInterval, timeProvider, stoppingToken).ConfigureAwait(false);
                await RefreshOnceAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task RefreshOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await provider.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.RefreshFailed(logger, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(7131, LogLevel.Warning, "Refreshing the webhook serving certificate failed; retrying later", EventName = "WebhookCertificateRefreshFailed")]
        public static partial void RefreshFailed(ILogger logger, Exception exception);
    }
}
