// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KeyOperator.Operator.Rotation;

/// <summary>Registers the rotation scheduling services.</summary>
internal static class RotationServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="RotationScheduleService"/>, <see cref="RotationOptions"/> (validated at start) and, unless one
    /// is registered already, <see cref="TimeProvider.System"/>.
    /// </summary>
    public static IServiceCollection AddRotationScheduling(this IServiceCollection services, Action<RotationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<RotationOptions> builder = services.AddOptions<RotationOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RotationOptions>, RotationOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RotationScheduleService>();
        return services;
    }
}
