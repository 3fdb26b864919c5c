// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Serialization.Metadata;
using KeyOperator.Kubernetes;
using KeyOperator.Kubernetes.Errors;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers.ApiKeys;
using KeyOperator.Operator.Controllers.RotationPolicies;
using KeyOperator.Operator.Keys;
using KeyOperator.Operator.RotationPolicies;
using KeyOperator.Operator.Serialization;
using KeyOperator.Runtime;
using KeyOperator.Runtime.Controllers;
using KeyOperator.Runtime.Informers;
using KeyOperator.Runtime.Kubernetes;
using KeyOperator.Runtime.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KeyOperator.Operator.Controllers;

/// <summary>Registers KeyOperator's informers and controllers; the host supplies the client, runtime and events.</summary>
internal static class ControllerServiceCollectionExtensions
{
    /// <summary>Label every Secret and ConfigMap the operator writes carries; informers watch only these.</summary>
    public const string ManagedSelector = ApiKeyConstants.Labels.ManagedBy + "=" + ApiKeyConstants.Labels.ManagedByValue;

    public static IServiceCollection AddKeyOperatorControllers(this IServiceCollection services, ControllerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(settings);
        AddInformer(services, "apikeys", ApiKeyStatusWriter.ApiKeys, null, OperatorJsonContext.Default.ApiKey, OperatorJsonContext.Default.KubernetesListApiKey);
        AddInformer(services, "rotationpolicies", RotationPolicyResources.RotationPolicies, null, OperatorJsonContext.Default.RotationPolicy, OperatorJsonContext.Default.KubernetesListRotationPolicy);

        // Only our own Secrets and ConfigMaps: memory stays flat however many unrelated Secrets a cluster holds.
        AddInformer(services, "secrets", ResourceType.Secrets, ManagedSelector, KubernetesJsonContext.Default.Secret, KubernetesJsonContext.Default.KubernetesListSecret);
        AddInformer(services, "configmaps", ResourceType.ConfigMaps, ManagedSelector, KubernetesJsonContext.Default.ConfigMap, KubernetesJsonContext.Default.KubernetesListConfigMap);

        services.AddSingleton<IKeyGenerator, KeyGenerator>();
        services.AddSingleton<VerifierPublisher>();
        services.AddSingleton<ApiKeyStatusWriter>();
        services.AddSingleton<RotationMetrics>();
        services.AddSingleton<WorkloadRestarter>();
        services.AddSingleton<RotationPolicyResolver>();
        services.AddSingleton<ApiKeyRotator>();
        services.AddSingleton<ApiKeyReconciler>();
        services.AddSingleton<RotationPolicyReconciler>();
        services.AddSingleton<IController>(sp => new Controller<RotationPolicy>(
                new ControllerOptions { Name = "rotationpolicy", Kind = RotationPolicyConstants.Kind, ApiVersion = RotationPolicyConstants.ApiVersion, Workers = 1 },
                sp.GetRequiredService<Informer<RotationPolicy>>(),
                sp.GetRequiredService<RotationPolicyReconciler>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<Controller<RotationPolicy>>>(),
                sp.GetRequiredService<OperatorMetrics>(),
                IsConflict));
        services.AddSingleton<IController>(sp => new Controller<ApiKey>(
                new ControllerOptions { Name = "apikey", Kind = ApiKeyConstants.Kind, ApiVersion = ApiKeyConstants.ApiVersion, Workers = settings.ApiKeyWorkers },
                sp.GetRequiredService<Informer<ApiKey>>(),
                sp.GetRequiredService<ApiKeyReconciler>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<Controller<ApiKey>>>(),
                sp.GetRequiredService<OperatorMetrics>(),
                IsConflict)
            .Owns(sp.GetRequiredService<Informer<Secret>>())
            .Owns(sp.GetRequiredService<Informer<ConfigMap>>())

            // A policy that appears, changes or goes away changes when its ApiKeys rotate.
            .Watches(sp.GetRequiredService<Informer<RotationPolicy>>(), sp.GetRequiredService<RotationPolicyResolver>().ReferencingApiKeys));
        return services;
    }

    /// <summary>Writes that lost a race: requeued at once, not counted as errors.</summary>
    public static bool IsConflict(Exception exception) => exception is ConflictException or AlreadyExistsException;

    private static void AddInformer<T>(
        IServiceCollection services,
        string name,
        ResourceType type,
        string? labelSelector,
        JsonTypeInfo<T> itemType,
        JsonTypeInfo<KubernetesList<T>> listType)
        where T : class, IKubernetesObject
    {
        services.AddKeyOperatorInformer(
            sp => new KubernetesListWatchSource<T>(sp.GetRequiredService<IKubernetesClient>(), type, null, itemType, listType),
            KubernetesObjectAccessor<T>.Instance,
            o =>
            {
                o.Name = name;
                o.LabelSelector = labelSelector;
            });
    }
}
