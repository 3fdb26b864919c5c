// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Options;

namespace KeyOperator.Runtime.Queue;

/// <summary>Rejects queue settings that would make the rate limiters meaningless.</summary>
internal sealed class WorkQueueOptionsValidator : IValidateOptions<WorkQueueOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkQueueOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Name))
        {
            failures.Add("Name is required.");
        }

        if (options.BaseDelay <= TimeSpan.Zero)
        {
            failures.Add("BaseDelay must be positive.");
        }

        if (options.MaxDelay < options.BaseDelay)
        {
            failures.Add("MaxDelay must be at least BaseDelay.");
        }

        if (!(options.Qps > 0) || double.IsInfinity(options.Qps))
        {
            failures.Add("Qps must be a positive finite number.");
        }

        if (options.Burst < 1)
        {
            failures.Add("Burst must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
