// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Admission;
using KeyOperator.Operator.Admission.Adapters;
using KeyOperator.Operator.Controllers;
using KeyOperator.Operator.Hsm;
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
    /// Configures the HSMs (<see cref="HsmOptions"/>: the <c>--hsm-config</c> file and the namespace of the PIN
    /// Secrets), validated, file included, when the host starts. Without this call no HSM is configured and ApiKeys
    /// naming one are refused. Call it with the controllers, the webhook, or both.
    /// </summary>
    public static IServiceCollection AddKeyOperatorHsm(this IServiceCollection services, Action<HsmOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHsmServices();
        services.Configure(configure ?? (static _ => { }));
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
