// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Hsm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyOperator.Operator.Hsm;

/// <summary>Registers the HSM settings, catalog and registry once, whichever of the controllers and the webhook asks first.</summary>
internal static class HsmServiceCollectionExtensions
{
    public static IServiceCollection AddHsmServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(static d => d.ServiceType == typeof(HsmCatalog)))
        {
            return services;
        }

        services.AddOptions<HsmOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HsmOptions>, HsmOptionsValidator>());
        services.AddSingleton<HsmCatalog>();
        services.AddSingleton<HsmSourceGate>();
        services.TryAddSingleton<HsmMetrics>();
        services.TryAddSingleton<IHsmPinSource, SecretHsmPinSource>();

        // Nothing is loaded here: each HSM's module is opened on its first operation, so an HSM outage never stops
        // the operator from starting or /readyz from answering.
        services.TryAddSingleton(sp => new HsmRegistry(
            sp.GetRequiredService<HsmCatalog>().Settings.Hsms.Select(static h => h.ToModuleConfig()),
            sp.GetRequiredService<IHsmPinSource>(),
            sp.GetRequiredService<HsmMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<HsmRegistry>>()));
        services.TryAddSingleton<IHsmKeySource, HsmRegistryKeySource>();
        services.TryAddSingleton<HsmKeyDeriver>();
        services.TryAddSingleton<HsmKeyPairJanitor>();
        return services;
    }
}
