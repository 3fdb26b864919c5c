// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Client;
using KeyOperator.Runtime.Events;
using KeyOperator.Runtime.Health;
using KeyOperator.Runtime.Informers;
using KeyOperator.Runtime.Kubernetes;
using KeyOperator.Runtime.LeaderElection;
using KeyOperator.Runtime.Metrics;
using KeyOperator.Runtime.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Prometheus;

namespace KeyOperator.Runtime.Tests;

public sealed class RuntimeServiceCollectionExtensionsTests
{
    [Fact]
    public void AddKeyOperatorRuntime_ResolvesSharedServices()
    {
        using var provider = new ServiceCollection().AddLogging().AddKeyOperatorRuntime().BuildServiceProvider();

        Assert.Same(provider.GetRequiredService<CollectorRegistry>(), provider.GetRequiredService<OperatorMetrics>().Registry);
        Assert.NotSame(Prometheus.Metrics.DefaultRegistry, provider.GetRequiredService<CollectorRegistry>());
        Assert.NotNull(provider.GetRequiredService<RestClientMetrics>());
        Assert.NotSame(provider.GetRequiredService<RestClientMetricsHandler>(), provider.GetRequiredService<RestClientMetricsHandler>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddKeyOperatorRuntime_TwoHosts_EachHasItsOwnRegistry()
    {
        using var first = new ServiceCollection().AddLogging().AddKeyOperatorRuntime().BuildServiceProvider();
        using var second = new ServiceCollection().AddLogging().AddKeyOperatorRuntime().BuildServiceProvider();

        first.GetRequiredService<OperatorMetrics>().ReconcileTotal.WithLabels("apikey", "success").Inc();

        Assert.NotSame(first.GetRequiredService<CollectorRegistry>(), second.GetRequiredService<CollectorRegistry>());
        Assert.Equal(0, second.GetRequiredService<OperatorMetrics>().ReconcileTotal.WithLabels("apikey", "success").Value);
    }

    [Fact]
    public void AddKeyOperatorRuntime_RestClientMetricsHandler_NewPerResolveOverSharedFamilies()
    {
        using var provider = new ServiceCollection().AddLogging().AddKeyOperatorRuntime().BuildServiceProvider();

        var one = provider.GetRequiredService<RestClientMetricsHandler>();
        var two = provider.GetRequiredService<RestClientMetricsHandler>();

        // A DelegatingHandler can sit in one pipeline only, so each client needs its own instance.
        Assert.NotSame(one, two);
        Assert.Same(provider.GetRequiredService<RestClientMetrics>(), provider.GetRequiredService<RestClientMetrics>());
    }

    [Fact]
    public void AddKeyOperatorLeaderElection_InvalidOptions_FailValidation()
    {
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddSingleton<ILeaseStore, InMemoryLeaseStore>()
            .AddKeyOperatorLeaderElection(o => o.RetryPeriod = TimeSpan.FromSeconds(9))
            .BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LeaderElectionOptions>>().Value);

        Assert.Contains("1.2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddKeyOperatorLeaderElection_ValidOptions_ResolvesElector()
    {
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddSingleton<ILeaseStore, InMemoryLeaseStore>()
            .AddKeyOperatorLeaderElection(o => o.Identity = "pod-1")
            .BuildServiceProvider();

        Assert.IsType<LeaderElector>(provider.GetRequiredService<ILeaderElector>());
    }

    [Fact]
    public void AddKeyOperatorEventRecorder_RecorderIsAlsoHostedService()
    {
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IEventSink, NullSink>()
            .AddSingleton<IHostApplicationLifetime, FakeLifetime>()
            .AddKeyOperatorEventRecorder()
            .BuildServiceProvider();

        var recorder = provider.GetRequiredService<IEventRecorder>();

        Assert.Contains(provider.GetServices<IHostedService>(), s => ReferenceEquals(s, recorder));
    }

    [Fact]
    public void AddKeyOperatorInformer_InformerIsHostedAndGatesReadiness()
    {
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IHostApplicationLifetime, FakeLifetime>()
            .AddKeyOperatorInformer(_ => new FakeListWatchSource(), TestObjectAccessor.Instance, o => o.Name = "apikeys")
            .BuildServiceProvider();

        var informer = provider.GetRequiredService<Informer<TestObject>>();

        Assert.Contains(provider.GetServices<IHostedService>(), s => ReferenceEquals(s, informer));
        Assert.Equal(["apikeys"], provider.GetRequiredService<CacheReadiness>().Pending);
    }

    private sealed class NullSink : IEventSink
    {
        public Task CreateAsync(EventRecord record, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task UpdateSeriesAsync(EventRecord record, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
