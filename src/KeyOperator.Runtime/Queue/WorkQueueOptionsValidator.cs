// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Options;

namespace KeyOperator.Runtime.Queue;

/// <summary>
/// Rejects queue settings that would make the rate limiters meaningless: the attributes (source-generated), and the
/// delays and the refill rate here, since TimeSpan range attributes are not trim-safe and the rate must be finite.
/// </summary>
internal sealed class WorkQueueOptionsValidator : IValidateOptions<WorkQueueOptions>
{
    private readonly WorkQueueOptionsAttributeValidator _attributes = new();

    public ValidateOptionsResult Validate(string? name, WorkQueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateOptionsResultBuilder result = new();
        result.AddResult(_attributes.Validate(name, options));
        if (options.BaseDelay <= TimeSpan.Zero)
        {
            result.AddError("must be positive", nameof(options.BaseDelay));
        }

        if (options.MaxDelay < options.BaseDelay)
        {
            result.AddError("must be at least BaseDelay", nameof(options.MaxDelay));
        }

        if (!(options.Qps > 0) || double.IsInfinity(options.Qps))
        {
            result.AddError("must be a positive finite number", nameof(options.Qps));
        }

        return result.Build();
    }
}
