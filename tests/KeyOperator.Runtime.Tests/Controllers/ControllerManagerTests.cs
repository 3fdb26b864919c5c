// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Controllers;
using KeyOperator.Runtime.LeaderElection;
using KeyOperator.Runtime.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyOperator.Runtime.Tests.Controllers;

public sealed class ControllerManagerTests
{
    [Fact]
    public async Task LeadershipLost_CancelsEveryControllerAndStopsHost()
    {
        var controllers = new[] { new BlockingController("a"), new BlockingController("b") };
        var elector = new ManualElector();
        var lifetime = new FakeLifetime();
        using var manager = new ControllerManager(controllers, lifetime, NullLogger<ControllerManager>.Instance, elector);

        await manager.StartAsync(default);
        await Wait.UntilAsync(() => controllers.All(static c => c.Running), "controllers started when leading");
        elector.LoseLeadership();

        await Wait.UntilAsync(() => lifetime.StopRequested, "host stop requested");
        Assert.All(controllers, static c => Assert.True(c.Cancelled));
        await manager.StopAsync(default);
    }

    [Fact]
    public async Task GracefulShutdown_DoesNotRequestHostStop()
    {
        var controller = new BlockingController("a");
        var elector = new ManualElector();
        var lifetime = new FakeLifetime();
        using var manager = new ControllerManager([controller], lifetime, NullLogger<ControllerManager>.Instance, elector);
        await manager.StartAsync(default);
        await Wait.UntilAsync(() => controller.Running, "controller started");

        await manager.StopAsync(default);

        Assert.True(controller.Cancelled);
        Assert.False(lifetime.StopRequested);
    }

    [Fact]
    public async Task NoElector_RunsControllersDirectly()
    {
        var controller = new BlockingController("a");
        using var manager = new ControllerManager([controller], new FakeLifetime(), NullLogger<ControllerManager>.Instance);

        await manager.StartAsync(default);
        await Wait.UntilAsync(() => controller.Running, "controller started");
        await manager.StopAsync(default);

        Assert.True(controller.Cancelled);
    }

    private sealed class BlockingController(string name) : IController
    {
        private volatile bool _running;
        private volatile bool _cancelled;

        public string Name => name;

        public bool Running => _running;

        public bool Cancelled => _cancelled;

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            _running = true;
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                _cancelled = cancellationToken.IsCancellationRequested;
            }
        }
    }

    private sealed class ManualElector : ILeaderElector
    {
        private readonly TaskCompletionSource _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool IsLeader { get; private set; }

        public void LoseLeadership() => _lost.TrySetResult();

        public async Task RunAsync(Func<CancellationToken, Task> onStartedLeading, Action onStoppedLeading, CancellationToken cancellationToken)
        {
            using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            IsLeader = true;
            var work = onStartedLeading(leading.Token);
            try
            {
                await _lost.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }

            IsLeader = false;
            await leading.CancelAsync();
            await work;
            onStoppedLeading();
        }
    }
}
