// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Options;

namespace KeyOperator.Operator.Rotation;

/// <summary>Rejects rotation settings that would let keys rotate in a tight loop.</summary>
internal sealed class RotationOptionsValidator : IValidateOptions<RotationOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RotationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.MinimumInterval < TimeSpan.FromSeconds(1)
            ? ValidateOptionsResult.Fail("Rotation:MinimumInterval must be at least 1 second.")
            : ValidateOptionsResult.Success;
    }
}
