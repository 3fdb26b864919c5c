// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using KeyOperator.Providers.Aws;
using KeyOperator.Providers.Azure;
using KeyOperator.Providers.Vault;
using Microsoft.Extensions.Options;

namespace KeyOperator.Providers;

/// <summary>Registers the store clients.</summary>
public static class ProvidersServiceCollectionExtensions
{
    /// <summary>
    /// Adds the shared client registry, request metrics, options (validated at start) and every provider's factory.
    /// Needs a <see cref="Prometheus.CollectorRegistry"/> and a <see cref="TimeProvider"/> in the container (the runtime adds both).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Changes the defaults, if given.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddKeyOperatorProviders(this IServiceCollection services, Action<ProviderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ProviderOptions>().Configure(configure ?? (static _ => { })).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProviderOptions>, ProviderOptionsValidator>());
        services.TryAddSingleton<ProviderMetrics>();
        services.TryAddSingleton<SecretProviderRegistry>();
        services.AddVaultProvider();
        services.AddAwsSecretsManagerProvider();
        services.AddAzureKeyVaultProvider();
        return services;
    }
}
