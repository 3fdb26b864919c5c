// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KeyOperator.Runtime.Client;

/// <summary>Registers the operator's clients of the official library, each behind the handler chain.</summary>
public static class KubernetesClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds the main <see cref="IKubernetes"/> (controllers, informers, events) with <paramref name="configure"/>'s
    /// options, validated at start, and keyed clients <see cref="KubernetesClientNames.LeaderElection"/> (client-go's
    /// 5 QPS, burst 10: a Lease renewal every few seconds needs no more) and <see cref="KubernetesClientNames.Admission"/>
    /// (the main options, its own bucket). All record <c>rest_client_*</c>.
    /// </summary>
    public static IServiceCollection AddKeyOperatorKubernetesClients(
        this IServiceCollection services, KubernetesClientConfiguration configuration, Action<KubernetesClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddKeyOperatorRuntime();
        services.AddSingleton<IValidateOptions<KubernetesClientOptions>, KubernetesClientOptionsValidator>();
        services.AddOptions<KubernetesClientOptions>().Configure(configure).ValidateOnStart();
        services.AddSingleton<IKubernetes>(sp => Create(sp, configuration, Options(sp)));
        services.AddKeyedSingleton<IKubernetes>(
            KubernetesClientNames.LeaderElection,
            (sp, _) =>
            {
                KubernetesClientOptions main = Options(sp);
                return Create(sp, configuration, new KubernetesClientOptions
                {
                    Qps = 5,
                    Burst = 10,
                    RequestTimeout = main.RequestTimeout,
                    MaxRetries = main.MaxRetries,
                    MaxRetryDelay = main.MaxRetryDelay,
                });
            });
        services.AddKeyedSingleton<IKubernetes>(KubernetesClientNames.Admission, (sp, _) => Create(sp, configuration, Options(sp)));
        return services;
    }

    private static KubernetesClientOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<KubernetesClientOptions>>().Value;

    private static k8s.Kubernetes Create(IServiceProvider services, KubernetesClientConfiguration configuration, KubernetesClientOptions options) =>
        KubernetesClientFactory.Create(configuration, options, services.GetRequiredService<TimeProvider>(), services.GetRequiredService<RestClientMetricsHandler>());
}
