// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Client;
using KeyOperator.Runtime.Controllers;
using KeyOperator.Runtime.Events;
using KeyOperator.Runtime.Health;
using KeyOperator.Runtime.Informers;
using KeyOperator.Runtime.LeaderElection;
using KeyOperator.Runtime.Metrics;
using KeyOperator.Runtime.Queue;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;

namespace KeyOperator.Runtime;

/// <summary>Registers the runtime's shared services.</summary>
public static class RuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the clock, the metrics registry and families, cache readiness, the option validators and the controller
    /// manager (which runs every registered <see cref="IController"/>, under leader election if it is added).
    /// The registry is a <see cref="CollectorRegistry"/> of this container's own, never prometheus-net's static default
    /// one, so several hosts in one process (tests) do not see each other's series; it also carries prometheus-net's
    /// process_* and dotnet_* collectors. <see cref="RestClientMetricsHandler"/> is transient: one per HTTP pipeline.
    /// </summary>
    public static IServiceCollection AddKeyOperatorRuntime(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static _ => CreateRegistry());
        services.TryAddSingleton<OperatorMetrics>();
        services.TryAddSingleton<RestClientMetrics>();
        services.TryAddTransient(static sp => new RestClientMetricsHandler(sp.GetRequiredService<RestClientMetrics>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<CacheReadiness>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkQueueOptions>, WorkQueueOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InformerOptions>, InformerOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ControllerOptions>, ControllerOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LeaderElectionOptions>, LeaderElectionOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EventRecorderOptions>, EventRecorderOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ControllerManager>());
        return services;
    }

    /// <summary>
    /// Adds a singleton <see cref="Informer{T}"/> that runs as a hosted service on every replica (so a new leader
    /// starts with a warm cache) and gates <c>/readyz</c> until it has synced.
    /// </summary>
    public static IServiceCollection AddKeyOperatorInformer<T>(
        this IServiceCollection services,
        Func<IServiceProvider, IListWatchSource<T>> source,
        IObjectAccessor<T> accessor,
        Action<InformerOptions> configure,
        IObjectCopier<T>? copier = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(accessor);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddKeyOperatorRuntime();
        // Named by the object type: there is one informer per type, and each has its own options, validated at start.
        string optionsName = OptionsName<T>();
        services.AddOptions<InformerOptions>(optionsName).Configure(configure).ValidateOnStart();
        services.TryAddSingleton(sp =>
        {
            InformerOptions options = sp.GetRequiredService<IOptionsMonitor<InformerOptions>>().Get(optionsName);
            var informer = new Informer<T>(source(sp), accessor, options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<Informer<T>>>(), copier);
            sp.GetRequiredService<CacheReadiness>().Register(informer);
            return informer;
        });
        services.AddHostedService(static sp => sp.GetRequiredService<Informer<T>>());
        return services;
    }

    /// <summary>
    /// Adds a controller as an <see cref="IController"/>. Its options are bound under <paramref name="name"/> (which is
    /// also <see cref="ControllerOptions.Name"/>), configured with the container's services and validated at start;
    /// <paramref name="create"/> builds the controller from them (adding owned and watched kinds).
    /// </summary>
    public static IServiceCollection AddKeyOperatorController<T>(
        this IServiceCollection services,
        string name,
        Action<ControllerOptions, IServiceProvider> configure,
        Func<IServiceProvider, ControllerOptions, Controller<T>> create)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(create);
        services.AddKeyOperatorRuntime();
        services.AddOptions<ControllerOptions>(name)
            .Configure<IServiceProvider>((options, sp) =>
            {
                options.Name = name;
                configure(options, sp);
            })
            .ValidateOnStart();
        services.AddSingleton<IController>(sp => create(sp, sp.GetRequiredService<IOptionsMonitor<ControllerOptions>>().Get(name)));
        return services;
    }

    /// <summary>Adds Lease-based leader election; the host must register an <see cref="ILeaseStore"/>.</summary>
    public static IServiceCollection AddKeyOperatorLeaderElection(this IServiceCollection services, Action<LeaderElectionOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddKeyOperatorRuntime();
        services.AddOptions<LeaderElectionOptions>().Configure(configure).ValidateOnStart();
        services.TryAddSingleton<ILeaderElector>(sp => new LeaderElector(
            sp.GetRequiredService<ILeaseStore>(),
            sp.GetRequiredService<IOptions<LeaderElectionOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<LeaderElector>>(),
            sp.GetRequiredService<OperatorMetrics>()));
        return services;
    }

    /// <summary>Adds the event recorder as <see cref="IEventRecorder"/> and hosted service; the host must register an <see cref="IEventSink"/>.</summary>
    public static IServiceCollection AddKeyOperatorEventRecorder(this IServiceCollection services, Action<EventRecorderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddKeyOperatorRuntime();
        services.AddOptions<EventRecorderOptions>().Configure(configure ?? (static _ => { })).ValidateOnStart();
        services.TryAddSingleton(sp => new EventRecorder(
            sp.GetRequiredService<IEventSink>(),
            sp.GetRequiredService<IOptions<EventRecorderOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<EventRecorder>>()));
        services.TryAddSingleton<IEventRecorder>(static sp => sp.GetRequiredService<EventRecorder>());
        services.AddHostedService(static sp => sp.GetRequiredService<EventRecorder>());
        return services;
    }

    private static string OptionsName<T>() => typeof(T).FullName ?? typeof(T).Name;

    private static CollectorRegistry CreateRegistry()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();

        // The process collector is per registry and reads only this process, as controller-runtime's does; the
        // event-counter and meter adapters are left out because they listen process-wide and would mix hosts.
        DotNetStats.Register(registry);
        return registry;
    }
}
