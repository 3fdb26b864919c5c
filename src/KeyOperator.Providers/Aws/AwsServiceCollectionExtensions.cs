// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KeyOperator.Providers.Aws;

/// <summary>Registers the AWS Secrets Manager client.</summary>
public static class AwsServiceCollectionExtensions
{
    /// <summary>Adds the AWS Secrets Manager factory to the providers <see cref="SecretProviderRegistry"/> chooses from.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddAwsSecretsManagerProvider(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISecretProviderFactory, AwsSecretsManagerProviderFactory>());
        return services;
    }
}
