// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Options;

namespace KeyOperator.Providers;

/// <summary>Validates <see cref="ProviderOptions"/>: the ranges by attribute, the durations here (a TimeSpan range attribute is not trim-safe).</summary>
internal sealed class ProviderOptionsValidator : IValidateOptions<ProviderOptions>
{
    private readonly ProviderOptionsAttributeValidator _attributes = new();

    public ValidateOptionsResult Validate(string? name, ProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateOptionsResultBuilder result = new();
        result.AddResult(_attributes.Validate(name, options));
        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromMinutes(10))
        {
            result.AddError($"must be above 0 and at most 10 minutes, not {options.RequestTimeout}", nameof(options.RequestTimeout));
        }

        if (options.ClientIdleTimeout < TimeSpan.FromMinutes(1))
        {
            result.AddError($"must be at least 1 minute, not {options.ClientIdleTimeout}", nameof(options.ClientIdleTimeout));
        }

        return result.Build();
    }
}
