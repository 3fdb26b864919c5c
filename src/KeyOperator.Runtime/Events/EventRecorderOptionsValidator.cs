// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Options;

namespace KeyOperator.Runtime.Events;

/// <summary>
/// Validates <see cref="EventRecorderOptions"/> at start: names and sizes by their attributes (source-generated), the
/// spam rate and the aggregation window here (a TimeSpan range attribute is not trim-safe).
/// </summary>
internal sealed class EventRecorderOptionsValidator : IValidateOptions<EventRecorderOptions>
{
    private readonly EventRecorderOptionsAttributeValidator _attributes = new();

    public ValidateOptionsResult Validate(string? name, EventRecorderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateOptionsResultBuilder result = new();
        result.AddResult(_attributes.Validate(name, options));
        if (!(options.SpamQps > 0) || double.IsInfinity(options.SpamQps))
        {
            result.AddError("must be a positive finite number", nameof(options.SpamQps));
        }

        if (options.AggregateInterval <= TimeSpan.Zero)
        {
            result.AddError("must be positive", nameof(options.AggregateInterval));
        }

        return result.Build();
    }
}
