// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers.Adapters;
using KeyOperator.Operator.Controllers.ApiKeys;
using KeyOperator.Operator.Controllers.ExternalCredentials;
using KeyOperator.Operator.ExternalCredentials;
using KeyOperator.Providers;
using KeyOperator.Operator.Controllers.Ports;
using KeyOperator.Operator.Controllers.Restarts;
using KeyOperator.Operator.Controllers.RotationPolicies;
using KeyOperator.Operator.Keys;
using KeyOperator.Operator.RotationPolicies;
using KeyOperator.Operator.Serialization;
using KeyOperator.Runtime;
using KeyOperator.Runtime.Client;
using KeyOperator.Runtime.Controllers;
using KeyOperator.Runtime.Informers;
using KeyOperator.Runtime.Kubernetes;
using KeyOperator.Runtime.Metrics;
using KeyOperator.Operator.Hsm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyOperator.Operator.Controllers;

/// <summary>
/// Registers KeyOperator's informers and controllers behind <see cref="KeyOperatorServiceCollectionExtensions.AddKeyOperatorControllers"/>;
/// the host supplies the client, runtime and events.
/// </summary>
internal static class ControllerServiceCollectionExtensions
{
    /// <summary>Label every Secret and ConfigMap the operator writes carries; informers watch only these.</summary>
    public const string ManagedSelector = ApiKeyConstants.Labels.ManagedBy + "=" + ApiKeyConstants.Labels.ManagedByValue;

    /// <summary>The informers, ports, reconcilers and both controllers; <see cref="KeyOperatorControllerOptions"/> is bound by the caller.</summary>
    public static IServiceCollection AddControllerServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        AddCustomResourceInformer(services, "apikeys", ApiKeyResources.ApiKeys, OperatorJsonContext.Default.ApiKey, OperatorJsonContext.Default.CustomResourceListApiKey);
        AddCustomResourceInformer(services, "externalcredentials", ExternalCredentialResources.ExternalCredentials, OperatorJsonContext.Default.ExternalCredential, OperatorJsonContext.Default.CustomResourceListExternalCredential);
        AddCustomResourceInformer(services, "rotationpolicies", RotationPolicyResources.RotationPolicies, OperatorJsonContext.Default.RotationPolicy, OperatorJsonContext.Default.CustomResourceListRotationPolicy);

        // Only our own Secrets and ConfigMaps: memory stays flat however many unrelated Secrets a cluster holds.
        AddInformer<V1Secret, V1SecretList>(
            services,
            "secrets",
            client => (c, ct) => client.CoreV1.ListSecretForAllNamespacesWithHttpMessagesAsync(
                continueParameter: c.Continue, labelSelector: c.LabelSelector, limit: c.Limit, resourceVersion: c.ResourceVersion, cancellationToken: ct),
            client => (c, onError, ct) => client.CoreV1.WatchListSecretForAllNamespacesAsync(
                allowWatchBookmarks: c.AllowWatchBookmarks, labelSelector: c.LabelSelector, resourceVersion: c.ResourceVersion, timeoutSeconds: c.TimeoutSeconds, onError: onError, cancellationToken: ct));
        AddInformer<V1ConfigMap, V1ConfigMapList>(
            services,
            "configmaps",
            client => (c, ct) => client.CoreV1.ListConfigMapForAllNamespacesWithHttpMessagesAsync(
                continueParameter: c.Continue, labelSelector: c.LabelSelector, limit: c.Limit, resourceVersion: c.ResourceVersion, cancellationToken: ct),
            client => (c, onError, ct) => client.CoreV1.WatchListConfigMapForAllNamespacesAsync(
                allowWatchBookmarks: c.AllowWatchBookmarks, labelSelector: c.LabelSelector, resourceVersion: c.ResourceVersion, timeoutSeconds: c.TimeoutSeconds, onError: onError, cancellationToken: ct));

        services.AddSingleton<IApiKeyStore, ApiKeyStoreAdapter>();
        services.AddSingleton<ISecretStore, SecretStoreAdapter>();
        services.AddSingleton<IConfigMapStore, ConfigMapStoreAdapter>();
        services.AddSingleton<IWorkloadPatcher, WorkloadPatcherAdapter>();
        services.AddSingleton<IRotationPolicyStatusWriter, RotationPolicyStatusWriterAdapter>();
        services.AddSingleton<IExternalCredentialStore, ExternalCredentialStoreAdapter>();
        services.AddSingleton<IServiceAccountTokenIssuer, ServiceAccountTokenIssuerAdapter>();
        services.AddSingleton<IRestartPeers, InformerRestartPeers>();

        services.AddHsmServices();
        services.TryAddSingleton<KeyOperator.Operator.Admission.Validation.INamespaceLabelLookup, NamespaceLabelLookupAdapter>();
        services.AddKeyGeneration();
        services.AddSingleton<VerifierPublisher>();
        services.AddSingleton<ApiKeyStatusWriter>();
        services.AddSingleton<RotationMetrics>();
        services.AddSingleton<WorkloadRestarter>();
        services.AddSingleton<RotationPolicyResolver>();
        services.AddSingleton<ApiKeyRotator>();
        services.AddSingleton<ApiKeyReconciler>();
        services.AddSingleton<RotationPolicyReconciler>();
        services.AddKeyOperatorProviders();
        services.AddSingleton<ConnectionResolver>();
        services.AddSingleton<ExternalSyncMetrics>();
        services.AddSingleton<ExternalCredentialReconciler>();
        services.AddKeyOperatorController<ExternalCredential>(
            "externalcredential",
            static (o, sp) => (o.Kind, o.ApiVersion, o.Workers) = (ExternalCredentialConstants.Kind, ExternalCredentialConstants.ApiVersion, sp.GetRequiredService<IOptions<KeyOperatorControllerOptions>>().Value.ExternalCredentialWorkers),
            static (sp, options) => new Controller<ExternalCredential>(
                options,
                sp.GetRequiredService<Informer<ExternalCredential>>(),
                sp.GetRequiredService<ExternalCredentialReconciler>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<Controller<ExternalCredential>>>(),
                sp.GetRequiredService<OperatorMetrics>(),
                IsConflict)

            // An Owner Secret edited or deleted by someone else is repaired at once, not at the next refresh.
            .Owns(sp.GetRequiredService<Informer<V1Secret>>()));
        services.AddKeyOperatorController<RotationPolicy>(
            "rotationpolicy",
            static (o, _) => (o.Kind, o.ApiVersion, o.Workers) = (RotationPolicyConstants.Kind, RotationPolicyConstants.ApiVersion, 1),
            static (sp, options) => new Controller<RotationPolicy>(
                options,
                sp.GetRequiredService<Informer<RotationPolicy>>(),
                sp.GetRequiredService<RotationPolicyReconciler>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<Controller<RotationPolicy>>>(),
                sp.GetRequiredService<OperatorMetrics>(),
                IsConflict));
        services.AddKeyOperatorController<ApiKey>(
            "apikey",
            static (o, sp) => (o.Kind, o.ApiVersion, o.Workers) = (ApiKeyConstants.Kind, ApiKeyConstants.ApiVersion, sp.GetRequiredService<IOptions<KeyOperatorControllerOptions>>().Value.ApiKeyWorkers),
            static (sp, options) => new Controller<ApiKey>(
                options,
                sp.GetRequiredService<Informer<ApiKey>>(),
                sp.GetRequiredService<ApiKeyReconciler>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<Controller<ApiKey>>>(),
                sp.GetRequiredService<OperatorMetrics>(),
                IsConflict)
            .Owns(sp.GetRequiredService<Informer<V1Secret>>())
            .Owns(sp.GetRequiredService<Informer<V1ConfigMap>>())

            // A policy that appears, changes or goes away changes when its ApiKeys rotate.
            .Watches(sp.GetRequiredService<Informer<RotationPolicy>>(), sp.GetRequiredService<RotationPolicyResolver>().ReferencingApiKeys));
        return services;
    }

    /// <summary>Writes that lost a race: requeued at once, not counted as errors.</summary>
    public static bool IsConflict(Exception exception) => KubernetesErrors.IsConflict(exception) || KubernetesErrors.IsAlreadyExists(exception);

    private static void AddInformer<T, TList>(
        IServiceCollection services,
        string name,
        Func<IKubernetes, ListOperation<TList>> list,
        Func<IKubernetes, WatchOperation<T>> watch)
        where T : class, IKubernetesObject<V1ObjectMeta>
        where TList : IKubernetesObject<V1ListMeta>, IItems<T>
    {
        services.AddKeyOperatorInformer(
            sp =>
            {
                IKubernetes client = sp.GetRequiredService<IKubernetes>();
                return new KubernetesListWatchSource<T, TList>(list(client), watch(client));
            },
            KubernetesObjectAccessor<T>.Instance,
            o =>
            {
                o.Name = name;
                o.LabelSelector = ManagedSelector;
            },
            KubernetesJsonCopier<T>.Instance);
    }

    private static void AddCustomResourceInformer<T>(
        IServiceCollection services,
        string name,
        CustomResourceType type,
        JsonTypeInfo<T> itemType,
        JsonTypeInfo<CustomResourceList<T>> listType)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        services.AddKeyOperatorInformer(
            sp => new CustomResourceListWatchSource<T>(sp.GetRequiredService<IKubernetes>(), type, null, itemType, listType),
            KubernetesObjectAccessor<T>.Instance,
            o => o.Name = name,
            new SourceGeneratedCopier<T>(itemType));
    }
}
