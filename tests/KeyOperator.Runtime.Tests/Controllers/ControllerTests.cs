// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Collections.Concurrent;
using KeyOperator.Runtime.Controllers;
using KeyOperator.Runtime.Informers;
using KeyOperator.Runtime.Metrics;
using KeyOperator.Runtime.Queue;
using KeyOperator.Runtime.Tests.Informers;
using KeyOperator.Runtime.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KeyOperator.Runtime.Tests.Controllers;

public sealed class ControllerTests
{
    private static readonly QueueKey s_key = new("ns", "key");

    [Fact]
    public async Task RunAsync_PrimaryObjectListed_ReconciledWithCachedObject()
    {
        await using var primary = new InformerFixture(null, new TestObject("ns", "key", "1"));
        var reconciler = new ScriptedReconciler();
        var (controller, _) = NewController(primary, reconciler);
        using var stop = new CancellationTokenSource();

        await primary.StartAsync();
        var run = controller.RunAsync(stop.Token);

        await Wait.UntilAsync(() => !reconciler.Requests.IsEmpty, "first reconcile");
        var request = Assert.Single(reconciler.Requests);
        Assert.Equal(s_key, request.Key);
        Assert.Equal("1", request.Object?.ResourceVersion);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task OwnedObjectEvent_EnqueuesControllingOwnerOfPrimaryKindOnly()
    {
        await using var primary = new InformerFixture(null, new TestObject("ns", "key", "1"));
        await using var owned = new InformerFixture();
        var (controller, _) = NewController(primary, new ScriptedReconciler());
        controller.Owns(owned.Informer);
        await primary.StartAsync();
        var watch = await owned.StartAsync();
        while (controller.Queue.Count > 0)
        {
            controller.Queue.Done((await controller.Queue.GetAsync(default)).Item);
        }

        watch.Send(WatchEventType.Added, new TestObject("ns", "secret", "5")
        {
            Owners =
            [
                new OwnerInfo("keyoperator.io/v1", "ApiKey", "key", "uid-1", IsController: true),
                new OwnerInfo("keyoperator.io/v1", "ApiKey", "not-controller", "uid-2", IsController: false),
                new OwnerInfo("other.io/v1", "ApiKey", "other-group", "uid-3", IsController: true),
            ],
        });

        // The informer hands one event to every handler before it takes the next: once the recording handler has
        // this ownerless event, the controller's handler is done with the one above.
        watch.Send(WatchEventType.Added, new TestObject("ns", "unowned", "6"));
        await owned.Handler.WaitForCountAsync(2);

        Assert.Equal(1, controller.Queue.Count);
        Assert.Equal(s_key, (await controller.Queue.GetAsync(default)).Item);
    }

    [Fact]
    public async Task ReconcileKeyAsync_Success_ForgetsFailures()
    {
        await using var primary = new InformerFixture(null, new TestObject("ns", "key", "1"));
        var (controller, metrics) = NewController(primary, new ScriptedReconciler(ReconcileResult.Done));
        await primary.StartAsync();
        controller.Queue.AddRateLimited(s_key);

        await controller.ReconcileKeyAsync(s_key, default);

        Assert.Equal(0, controller.Queue.NumRequeues(s_key));
        Assert.Equal(1, metrics.ReconcileTotal.WithLabels("apikey", "success").Value);
    }

    [Fact]
    public async Task ReconcileKeyAsync_Error_RequeuedRateLimitedAndCounted()
    {
        await using var primary = new InformerFixture(null, new TestObject("ns", "key", "1"));
        var (controller, metrics) = NewController(primary, new ScriptedReconciler(ReconcileResult.Error(new InvalidOperationException("provider down"))));
        await primary.StartAsync();

        await controller.ReconcileKeyAsync(s_key, default);

        Assert.Equal(1, controller.Queue.NumRequeues(s_key));
        Assert.Equal(1, controller.Queue.DelayedCount);
        Assert.Equal(1, metrics.ReconcileErrors.WithLabels("apikey").Value);
        Assert.Equal(1, metrics.ReconcileTotal.WithLabels("apikey", "error").Value);
    }

    [Fact]
    public async Task ReconcileKeyAsync_Throws_TreatedAsError()
    {
        await using var primary = new InformerFixture(null, new TestObject("ns", "key", "1"));
        var (controller, _) = NewController(primary, new ScriptedReconciler { Throw = new InvalidOperationException("boom") });
        await primary.StartAsync();

        await controller.ReconcileKeyAsync(s_key, default);

        Assert.Equal(1, controller.Queue.NumRequeues(s_key));
    }

    [Fact]
    public async Task ReconcileKeyAsync_Conflict_RequeuedAtOnceWithoutCountingError()
    {
        await using var primary = new InformerFixture(null, new TestObject("ns", "key", "1"));
        var (controller, metrics) = NewController(primary, new ScriptedReconciler { Throw = new TestConflictException() });
        await primary.StartAsync();
        while (controller.Queue.Count > 0)
        {
            controller.Queue.Done((await controller.Queue.GetAsync(default)).Item);
        }

        await controller.ReconcileKeyAsync(s_key, default);

        Assert.Equal(1, controller.Queue.Count);
        Assert.Equal(0, controller.Queue.NumRequeues(s_key));
        Assert.Equal(0, metrics.ReconcileErrors.WithLabels("apikey").Value);
        Assert.Equal(1, metrics.ReconcileTotal.WithLabels("apikey", "requeue").Value);
    }

    [Fact]
    public async Task ReconcileKeyAsync_RequeueAfter_ScheduledAtThatTime()
    {
        await using var primary = new InformerFixture(null, new TestObject("ns", "key", "1"));
        var timers = new TimerTrackingTimeProvider(primary.Time);
        var (controller, _) = NewController(primary, new ScriptedReconciler(ReconcileResult.RequeueAfter(TimeSpan.FromHours(1))), time: timers);
        await primary.StartAsync();
        while (controller.Queue.Count > 0)
        {
            controller.Queue.Done((await controller.Queue.GetAsync(default)).Item);
        }

        var due = primary.Time.GetUtcNow() + TimeSpan.FromHours(1);
        await controller.ReconcileKeyAsync(s_key, default);
        await Wait.UntilArmedAsync(timers, due);
        primary.Time.Advance(TimeSpan.FromMinutes(59));
        await Task.Delay(20);
        Assert.Equal(0, controller.Queue.Count);
        primary.Time.Advance(TimeSpan.FromMinutes(1));

        await Wait.UntilAsync(() => controller.Queue.Count == 1, "requeue after one hour");
    }

    [Fact]
    public async Task RunAsync_ManyEventsForOneKey_NeverReconciledConcurrently()
    {
        await using var primary = new InformerFixture(null, new TestObject("ns", "key", "1"));
        var reconciler = new ScriptedReconciler { Delay = TimeSpan.FromMilliseconds(1) };
        var (controller, _) = NewController(primary, reconciler, workers: 8);
        using var stop = new CancellationTokenSource();
        var watch = await primary.StartAsync();
        var run = controller.RunAsync(stop.Token);

        for (var i = 2; i < 200; i++)
        {
            watch.Send(WatchEventType.Modified, new TestObject("ns", "key", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            watch.Send(WatchEventType.Modified, new TestObject("ns", $"other{i % 5}", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        await primary.Handler.WaitForCountAsync(397);
        await Wait.UntilAsync(() => controller.Queue.Count == 0 && !controller.Queue.IsProcessing(s_key), "queue drained");
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, reconciler.Violations);
    }

    [Theory]
    [InlineData("", 1, 10, "Kind")]
    [InlineData("ApiKey", 0, 10, "Workers")]
    [InlineData("ApiKey", 65, 10, "Workers")]
    [InlineData("ApiKey", 1, 0, "Qps")]
    public void AddKeyOperatorController_InvalidOptions_FailsAtStart(string kind, int workers, double queueQps, string member)
    {
        using ServiceProvider provider = new ServiceCollection()
            .AddKeyOperatorController<TestObject>(
                "x",
                (o, _) =>
                {
                    o.Kind = kind;
                    o.Workers = workers;
                    o.Queue.Qps = queueQps;
                },
                static (_, _) => throw new InvalidOperationException("not built before validation"))
            .BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(member, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddKeyOperatorController_ValidOptions_BuildsWithBoundOptions()
    {
        ControllerOptions? seen = null;
        using ServiceProvider provider = new ServiceCollection()
            .AddKeyOperatorController<TestObject>(
                "apikey",
                static (o, _) => (o.Kind, o.Workers) = ("ApiKey", 3),
                (_, options) =>
                {
                    seen = options;
                    var primary = new InformerFixture();
                    return new Controller<TestObject>(options, primary.Informer, new ScriptedReconciler(), primary.Time, NullLogger<Controller<TestObject>>.Instance);
                })
            .BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        _ = provider.GetServices<IController>().ToList();

        Assert.Equal(("apikey", 3), (seen!.Name, seen.Workers));
    }

    private static (Controller<TestObject> Controller, OperatorMetrics Metrics) NewController(InformerFixture primary, IReconciler<TestObject> reconciler, int workers = 2, TimeProvider? time = null)
    {
        var metrics = new OperatorMetrics(Prometheus.Metrics.NewCustomRegistry());
        var options = new ControllerOptions { Name = "apikey", Kind = "ApiKey", ApiVersion = "keyoperator.io/v1", Workers = workers };
        var controller = new Controller<TestObject>(options, primary.Informer, reconciler, time ?? primary.Time, NullLogger<Controller<TestObject>>.Instance, metrics);
        return (controller, metrics);
    }

    private sealed class TestConflictException : Exception, IConcurrencyConflict
    {
    }

    private sealed class ScriptedReconciler(ReconcileResult? result = null) : IReconciler<TestObject>
    {
        private readonly ConcurrentDictionary<QueueKey, int> _active = new();
        private int _violations;

        public ConcurrentQueue<ReconcileRequest<TestObject>> Requests { get; } = new();

        public Exception? Throw { get; init; }

        public TimeSpan Delay { get; init; }

        public int Violations => Volatile.Read(ref _violations);

        public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<TestObject> request, CancellationToken cancellationToken)
        {
            Requests.Enqueue(request);
            if (_active.AddOrUpdate(request.Key, 1, static (_, n) => n + 1) > 1)
            {
                Interlocked.Increment(ref _violations);
            }

            try
            {
                if (Delay > TimeSpan.Zero)
                {
                    await Task.Delay(Delay, CancellationToken.None);
                }

                return Throw is { } ex ? throw ex : result ?? ReconcileResult.Done;
            }
            finally
            {
                _active.AddOrUpdate(request.Key, 0, static (_, n) => n - 1);
            }
        }
    }
}
