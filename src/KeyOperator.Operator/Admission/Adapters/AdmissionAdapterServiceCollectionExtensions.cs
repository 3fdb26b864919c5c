// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Admission.Certificates;
using KeyOperator.Operator.Admission.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KeyOperator.Operator.Admission.Adapters;

/// <summary>Backs the admission webhook's lookups and certificate storage with the Kubernetes API.</summary>
internal static class AdmissionAdapterServiceCollectionExtensions
{
    public static IServiceCollection AddKeyOperatorAdmissionAdapters(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IManagedSecretLookup, ClientManagedSecretLookup>();
        services.TryAddSingleton<IRotationPolicyLookup, ClientRotationPolicyLookup>();
        services.TryAddSingleton<INamespaceLabelLookup, ClientNamespaceLabelLookup>();
        services.TryAddSingleton<ISecretStore, ClientSecretStore>();
        services.TryAddSingleton<IWebhookConfigurationPatcher, ClientWebhookConfigurationPatcher>();
        return services;
    }
}
