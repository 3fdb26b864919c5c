// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Options;

namespace KeyOperator.Runtime.Events;

/// <summary>Validates <see cref="EventRecorderOptions"/> at start.</summary>
internal sealed class EventRecorderOptionsValidator : IValidateOptions<EventRecorderOptions>
{
    public ValidateOptionsResult Validate(string? name, EventRecorderOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ReportingController) || string.IsNullOrWhiteSpace(options.ReportingInstance))
        {
            failures.Add("ReportingController and ReportingInstance are required.");
        }

        if (options.QueueCapacity < 1 || options.CacheSize < 1 || options.AggregateMaxEvents < 1 || options.SpamBurst < 1)
        {
            failures.Add("QueueCapacity, CacheSize, AggregateMaxEvents and SpamBurst must be at least 1.");
        }

        if (!(options.SpamQps > 0) || options.AggregateInterval <= TimeSpan.Zero)
        {
            failures.Add("SpamQps and AggregateInterval must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
