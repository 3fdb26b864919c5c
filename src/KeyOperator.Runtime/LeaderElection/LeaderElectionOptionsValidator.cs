// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Options;

namespace KeyOperator.Runtime.LeaderElection;

/// <summary>
/// The checks of client-go leaderelection.go NewLeaderElector: leaseDuration &gt; renewDeadline &gt;
/// JitterFactor (1.2) × retryPeriod, all positive, and an identity. The required names are attributes
/// (source-generated); the durations are checked here, since a TimeSpan range attribute is not trim-safe.
/// </summary>
internal sealed class LeaderElectionOptionsValidator : IValidateOptions<LeaderElectionOptions>
{
    public const double JitterFactor = 1.2;

    private readonly LeaderElectionOptionsAttributeValidator _attributes = new();

    public ValidateOptionsResult Validate(string? name, LeaderElectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateOptionsResultBuilder result = new();
        result.AddResult(_attributes.Validate(name, options));
        if (options.LeaseDuration <= TimeSpan.Zero || options.RenewDeadline <= TimeSpan.Zero || options.RetryPeriod <= TimeSpan.Zero)
        {
            result.AddError("LeaseDuration, RenewDeadline and RetryPeriod must be positive.");
        }

        if (options.LeaseDuration <= options.RenewDeadline)
        {
            result.AddError("must be greater than RenewDeadline", nameof(options.LeaseDuration));
        }

        if (options.RenewDeadline <= options.RetryPeriod * JitterFactor)
        {
            result.AddError("must be greater than 1.2 × RetryPeriod", nameof(options.RenewDeadline));
        }

        if (options.LeaseDuration.TotalSeconds % 1 != 0)
        {
            result.AddError("must be whole seconds (leaseDurationSeconds)", nameof(options.LeaseDuration));
        }

        return result.Build();
    }
}
