// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Options;

namespace KeyOperator.Runtime.Informers;

/// <summary>
/// Validates <see cref="InformerOptions"/> at start: the attributes (source-generated), then the durations (a TimeSpan
/// range attribute is not trim-safe) and the label selector, which must parse.
/// </summary>
internal sealed class InformerOptionsValidator : IValidateOptions<InformerOptions>
{
    private readonly InformerOptionsAttributeValidator _attributes = new();

    public ValidateOptionsResult Validate(string? name, InformerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateOptionsResultBuilder result = new();
        result.AddResult(_attributes.Validate(name, options));
        if (options.MinWatchTimeout <= TimeSpan.Zero)
        {
            result.AddError("must be positive", nameof(options.MinWatchTimeout));
        }

        if (options.WatchdogSlack < TimeSpan.Zero)
        {
            result.AddError("must not be negative", nameof(options.WatchdogSlack));
        }

        if (options.BackoffInitial <= TimeSpan.Zero || options.BackoffMax < options.BackoffInitial)
        {
            result.AddError("must be positive and not above BackoffMax", nameof(options.BackoffInitial));
        }

        if (options.LabelSelector is { } selector)
        {
            try
            {
                EqualitySelector.Parse(selector);
            }
            catch (FormatException ex)
            {
                result.AddError(ex.Message, nameof(options.LabelSelector));
            }
        }

        return result.Build();
    }
}
