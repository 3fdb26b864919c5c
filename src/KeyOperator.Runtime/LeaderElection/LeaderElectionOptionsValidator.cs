// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Options;

namespace KeyOperator.Runtime.LeaderElection;

/// <summary>
/// The checks of client-go leaderelection.go NewLeaderElector: leaseDuration &gt; renewDeadline &gt;
/// JitterFactor (1.2) × retryPeriod, all positive, and an identity.
/// </summary>
internal sealed class LeaderElectionOptionsValidator : IValidateOptions<LeaderElectionOptions>
{
    public const double JitterFactor = 1.2;

    public ValidateOptionsResult Validate(string? name, LeaderElectionOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.LeaseName))
        {
            failures.Add("LeaseName is required.");
        }

        if (string.IsNullOrWhiteSpace(options.Identity))
        {
            failures.Add("Identity is required.");
        }

        if (options.LeaseDuration <= TimeSpan.Zero || options.RenewDeadline <= TimeSpan.Zero || options.RetryPeriod <= TimeSpan.Zero)
        {
            failures.Add("LeaseDuration, RenewDeadline and RetryPeriod must be positive.");
        }

        if (options.LeaseDuration <= options.RenewDeadline)
        {
            failures.Add("LeaseDuration must be greater than RenewDeadline.");
        }

        if (options.RenewDeadline <= options.RetryPeriod * JitterFactor)
        {
            failures.Add("RenewDeadline must be greater than 1.2 × RetryPeriod.");
        }

        if (options.LeaseDuration.TotalSeconds % 1 != 0)
        {
            failures.Add("LeaseDuration must be whole seconds (leaseDurationSeconds).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
