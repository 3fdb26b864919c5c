// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Queue;
using Microsoft.Extensions.Options;

namespace KeyOperator.Runtime.Controllers;

/// <summary>Validates <see cref="ControllerOptions"/> at start.</summary>
internal sealed class ControllerOptionsValidator : IValidateOptions<ControllerOptions>
{
    public ValidateOptionsResult Validate(string? name, ControllerOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Name))
        {
            failures.Add("Name is required.");
        }

        if (string.IsNullOrWhiteSpace(options.Kind))
        {
            failures.Add("Kind is required.");
        }

        if (options.Workers is < 1 or > 64)
        {
            failures.Add("Workers must be between 1 and 64.");
        }

        if (options.Queue is null)
        {
            failures.Add("Queue is required.");
        }
        else
        {
            var queue = new WorkQueueOptionsValidator().Validate(name, options.Queue);
            if (queue.Failed)
            {
                failures.AddRange(queue.Failures.Select(static f => "Queue: " + f));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
