// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KeyOperator.Operator.Keys;

/// <summary>Registration of key generation.</summary>
internal static class KeysServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IKeyGenerator"/> as a singleton, so that one bounded pool serves every controller that
    /// generates key pairs.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection, for chaining.</returns>
    public static IServiceCollection AddKeyGeneration(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IKeyGenerator>(static sp => new KeyGenerator(sp.GetService<KeyOperator.Operator.Hsm.HsmKeyDeriver>(), Environment.ProcessorCount));
        return services;
    }
}
