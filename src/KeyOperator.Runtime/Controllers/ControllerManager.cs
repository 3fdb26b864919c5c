// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.LeaderElection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KeyOperator.Runtime.Controllers;

/// <summary>
/// Runs every registered controller, only while this process is the leader when an elector is registered. Losing
/// the lease cancels all controllers at once and stops the host, as controller-runtime's manager does
/// (pkg/manager/internal.go: "leader election lost"); the Deployment restarts the pod as a fresh candidate.
/// </summary>
/// <param name="controllers">The controllers to run.</param>
/// <param name="lifetime">Used to stop the host when leadership is lost.</param>
/// <param name="logger">The logger.</param>
/// <param name="elector">The leader elector, or null to run without leader election (single replica, tests).</param>
public sealed class ControllerManager(
    IEnumerable<IController> controllers,
    IHostApplicationLifetime lifetime,
    ILogger<ControllerManager> logger,
    ILeaderElector? elector = null) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (elector is null)
        {
            await RunAllAsync(stoppingToken).ConfigureAwait(false);
            return;
        }

        await elector.RunAsync(RunAllAsync, OnStoppedLeading, stoppingToken).ConfigureAwait(false);

        void OnStoppedLeading()
        {
            if (!stoppingToken.IsCancellationRequested)
            {
                ControllerLog.LeadershipLost(logger);
                lifetime.StopApplication();
            }
        }
    }

    private async Task RunAllAsync(CancellationToken cancellationToken)
    {
        var running = controllers.Select(c => c.RunAsync(cancellationToken)).ToArray();
        try
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            ControllerLog.ControllerCrashed(logger, ex);
        }
    }
}
