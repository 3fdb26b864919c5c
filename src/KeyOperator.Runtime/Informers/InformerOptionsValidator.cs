// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Options;

namespace KeyOperator.Runtime.Informers;

/// <summary>Validates <see cref="InformerOptions"/> at start.</summary>
internal sealed class InformerOptionsValidator : IValidateOptions<InformerOptions>
{
    public ValidateOptionsResult Validate(string? name, InformerOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Name))
        {
            failures.Add("Name is required.");
        }

        if (options.PageSize < 1)
        {
            failures.Add("PageSize must be at least 1.");
        }

        if (options.MinWatchTimeout <= TimeSpan.Zero)
        {
            failures.Add("MinWatchTimeout must be positive.");
        }

        if (options.WatchdogSlack < TimeSpan.Zero)
        {
            failures.Add("WatchdogSlack must not be negative.");
        }

        if (options.BackoffInitial <= TimeSpan.Zero || options.BackoffMax < options.BackoffInitial)
        {
            failures.Add("BackoffInitial must be positive and not above BackoffMax.");
        }

        if (options.LabelSelector is { } selector)
        {
            try
            {
                LabelSelector.Parse(selector);
            }
            catch (FormatException ex)
            {
                failures.Add(ex.Message);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
