// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Options;

namespace KeyOperator.Operator;

/// <summary>
/// Validates <see cref="KeyOperatorControllerOptions"/>: the worker count by its attribute (source-generated), the
/// durations here, since a TimeSpan range attribute is not trim-safe.
/// </summary>
internal sealed class KeyOperatorControllerOptionsValidator : IValidateOptions<KeyOperatorControllerOptions>
{
    private readonly KeyOperatorControllerOptionsAttributeValidator _attributes = new();

    public ValidateOptionsResult Validate(string? name, KeyOperatorControllerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateOptionsResultBuilder result = new();
        result.AddResult(_attributes.Validate(name, options));
        if (options.MinimumRotationInterval < TimeSpan.FromSeconds(1))
        {
            result.AddError($"must be at least 1 s, not {options.MinimumRotationInterval}", nameof(options.MinimumRotationInterval));
        }

        if (options.MinimumRefreshInterval < TimeSpan.FromSeconds(1))
        {
            result.AddError($"must be at least 1 s, not {options.MinimumRefreshInterval}", nameof(options.MinimumRefreshInterval));
        }

        if (options.RestartBatch is not { } batch)
        {
            result.AddError("is required", nameof(options.RestartBatch));
        }
        else if (batch.Settle < TimeSpan.Zero || batch.MaxWait < batch.Settle || batch.Poll <= TimeSpan.Zero)
        {
            // A negative settle or a poll of zero would spin; a cap below the settle would never hold a restart back.
            result.AddError("needs Settle >= 0, MaxWait >= Settle and Poll > 0", nameof(options.RestartBatch));
        }

        return result.Build();
    }
}
