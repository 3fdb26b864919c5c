// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KeyOperator.Providers.Vault;

/// <summary>Registers the Vault client.</summary>
public static class VaultServiceCollectionExtensions
{
    /// <summary>Adds the Vault factory to the providers <see cref="SecretProviderRegistry"/> chooses from.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddVaultProvider(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISecretProviderFactory, VaultSecretProviderFactory>());
        return services;
    }
}
