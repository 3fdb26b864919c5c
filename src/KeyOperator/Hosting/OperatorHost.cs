// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Controllers.ApiKeys;
using KeyOperator.Kubernetes;
using KeyOperator.Kubernetes.Errors;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Keys;
using KeyOperator.Operator.Serialization;
using KeyOperator.Runtime;
using KeyOperator.Runtime.Controllers;
using KeyOperator.Runtime.Events;
using KeyOperator.Runtime.Health;
using KeyOperator.Runtime.Informers;
using KeyOperator.Runtime.LeaderElection;
using KeyOperator.Runtime.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KeyOperator.Hosting;

/// <summary>
/// Composes the operator: client, informers, controllers, leader election, events and the metrics/health endpoints.
/// The same host runs in a cluster (<c>key-operator run</c>) and against the local control plane (<c>dev</c>, tests).
/// </summary>
internal static class OperatorHost
{
    /// <summary>Label every Secret and ConfigMap the operator writes carries; informers watch only these.</summary>
    public const string ManagedSelector = ApiKeyConstants.Labels.ManagedBy + "=" + ApiKeyConstants.Labels.ManagedByValue;

    public static WebApplication Build(OperatorHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.MetricsUrl);
        builder.Logging.ClearProviders();
        if (options.JsonLogs)
        {
            builder.Logging.AddJsonConsole();
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }

        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        options.ConfigureLogging?.Invoke(builder.Logging);
        IServiceCollection services = builder.Services;
        services.AddSingleton(options.TimeProvider);
        services.AddSingleton<IKubernetesClient>(_ => new KubernetesClient(options.Client));
        services.AddKeyOperatorRuntime();
        services.AddSingleton<IEventSink, KubernetesEventSink>();
        services.AddKeyOperatorEventRecorder();
        if (options.LeaderElection)
        {
            services.AddSingleton<ILeaseStore>(sp => new KubernetesLeaseStore(sp.GetRequiredService<IKubernetesClient>(), options.Namespace, "key-operator-leader"));
            services.AddKeyOperatorLeaderElection(o => o.LeaseName = "key-operator-leader");
        }

        AddInformer(services, "apikeys", ApiKeyStatusWriter.ApiKeys, null, OperatorJsonContext.Default.ApiKey, OperatorJsonContext.Default.KubernetesListApiKey);
        AddInformer(services, "secrets", ResourceType.Secrets, ManagedSelector, KubernetesJsonContext.Default.Secret, KubernetesJsonContext.Default.KubernetesListSecret);
        AddInformer(services, "configmaps", ResourceType.ConfigMaps, ManagedSelector, KubernetesJsonContext.Default.ConfigMap, KubernetesJsonContext.Default.KubernetesListConfigMap);

        services.AddSingleton<IKeyGenerator, KeyGenerator>();
        services.AddSingleton<VerifierPublisher>();
        services.AddSingleton<ApiKeyStatusWriter>();
        services.AddSingleton<ApiKeyReconciler>();
        services.AddSingleton<IController>(sp => new Controller<ApiKey>(
                new ControllerOptions { Name = "apikey", Kind = ApiKeyConstants.Kind, ApiVersion = ApiKeyConstants.ApiVersion, Workers = options.ApiKeyWorkers },
                sp.GetRequiredService<Informer<ApiKey>>(),
                sp.GetRequiredService<ApiKeyReconciler>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<Controller<ApiKey>>>(),
                sp.GetRequiredService<OperatorMetrics>(),
                static ex => ex is ConflictException or AlreadyExistsException)
            .Owns(sp.GetRequiredService<Informer<Secret>>())
            .Owns(sp.GetRequiredService<Informer<ConfigMap>>()));

        WebApplication app = builder.Build();
        app.MapKeyOperatorMetrics();
        return app;
    }

    private static void AddInformer<T>(
        IServiceCollection services,
        string name,
        ResourceType type,
        string? labelSelector,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> itemType,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<KubernetesList<T>> listType)
        where T : class, IKubernetesObject
    {
        services.AddSingleton(sp =>
        {
            Informer<T> informer = new(
                new KubernetesListWatchSource<T>(sp.GetRequiredService<IKubernetesClient>(), type, null, itemType, listType),
                KubernetesObjectAccessor<T>.Instance,
                new InformerOptions { Name = name, LabelSelector = labelSelector },
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<Informer<T>>>());
            sp.GetRequiredService<CacheReadiness>().Register(informer);
            return informer;
        });
        services.AddHostedService(sp => sp.GetRequiredService<Informer<T>>());
    }
}
