// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KeyOperator.Providers.Azure;

/// <summary>Registers the Azure Key Vault client.</summary>
public static class AzureServiceCollectionExtensions
{
    /// <summary>Adds the Azure Key Vault factory to the providers <see cref="SecretProviderRegistry"/> chooses from.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddAzureKeyVaultProvider(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISecretProviderFactory, AzureKeyVaultProviderFactory>());
        return services;
    }
}
