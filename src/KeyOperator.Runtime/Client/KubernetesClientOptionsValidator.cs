// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Options;

namespace KeyOperator.Runtime.Client;

/// <summary>
/// Validates <see cref="KubernetesClientOptions"/>: the integer ranges by their attributes (source-generated); QPS
/// (with its -1) and the two durations here, since a TimeSpan range attribute is not trim-safe.
/// </summary>
public sealed class KubernetesClientOptionsValidator : IValidateOptions<KubernetesClientOptions>
{
    private readonly KubernetesClientOptionsRangeValidator _ranges = new();

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, KubernetesClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateOptionsResultBuilder result = new();
        result.AddResult(_ranges.Validate(name, options));
        if (options.Qps != -1 && (options.Qps < 0.1 || options.Qps > 10_000))
        {
            result.AddError($"must be -1 (no client-side limit) or between 0.1 and 10000, not {options.Qps}", nameof(options.Qps));
        }

        if (options.RequestTimeout < TimeSpan.FromSeconds(1) || options.RequestTimeout > TimeSpan.FromMinutes(10))
        {
            result.AddError($"must be between 1 s and 10 min, not {options.RequestTimeout}", nameof(options.RequestTimeout));
        }

        if (options.MaxRetryDelay < TimeSpan.FromMilliseconds(10) || options.MaxRetryDelay > TimeSpan.FromMinutes(5))
        {
            result.AddError($"must be between 10 ms and 5 min, not {options.MaxRetryDelay}", nameof(options.MaxRetryDelay));
        }

        return result.Build();
    }
}
