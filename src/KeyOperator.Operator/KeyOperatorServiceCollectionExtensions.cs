// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Admission;
using KeyOperator.Operator.Admission.Adapters;
using KeyOperator.Operator.Controllers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KeyOperator.Operator;

/// <summary>
/// The composition API of the operator for its executables: everything else in this assembly is internal. The host
/// supplies the runtime, the Kubernetes clients (<c>AddKeyOperatorKubernetesClients</c>) and the event recorder.
/// </summary>
public static class KeyOperatorServiceCollectionExtensions
{
    /// <summary>
    /// Adds the ApiKey and RotationPolicy controllers with their informers (label-scoped Secrets and ConfigMaps),
    /// with <paramref name="configure"/>'s <see cref="KeyOperatorControllerOptions"/>, validated when the host starts.
    /// </summary>
    public static IServiceCollection AddKeyOperatorControllers(this IServiceCollection services, Action<KeyOperatorControllerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KeyOperatorControllerOptions>, KeyOperatorControllerOptionsValidator>());
        services.AddOptions<KeyOperatorControllerOptions>().Configure(configure ?? (static _ => { })).ValidateOnStart();
        services.AddControllerServices();
        return services;
    }

    /// <summary>
    /// Adds the validating admission webhook (HTTPS listener, policy, serving certificate from files or self-managed)
    /// with its lookups over the admission client (<c>KubernetesClientNames.Admission</c>). <paramref name="configure"/>'s
    /// <see cref="AdmissionOptions"/> are validated when the host starts; map the route with
    /// <see cref="AdmissionEndpointRouteBuilderExtensions.MapKeyOperatorAdmission"/>.
    /// </summary>
    public static IServiceCollection AddKeyOperatorAdmissionWebhook(this IServiceCollection services, Action<AdmissionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddKeyOperatorAdmissionAdapters();
        services.AddKeyOperatorAdmission(configure);
        return services;
    }
}
