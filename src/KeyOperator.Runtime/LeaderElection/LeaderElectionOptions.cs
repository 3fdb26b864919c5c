// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.ComponentModel.DataAnnotations;

namespace KeyOperator.Runtime.LeaderElection;

/// <summary>Leader election settings; the defaults are the core Kubernetes clients' 15 s / 10 s / 2 s.</summary>
public sealed class LeaderElectionOptions
{
    /// <summary>The Lease name, also the metrics label <c>name</c>.</summary>
    [Required]
    public string LeaseName { get; set; } = "key-operator-leader";

    /// <summary>This candidate's identity (pod name plus a random suffix is typical); must be unique.</summary>
    [Required]
    public string Identity { get; set; } = $"{Environment.MachineName}_{Guid.NewGuid():N}";

    /// <summary>How long non-leaders wait, from their last observed change, before taking over.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps retrying a failed renewal before it gives up leadership.</summary>
    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Interval between attempts to acquire or renew.</summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>On graceful shutdown, empty the holder so a successor takes over at once.</summary>
    public bool ReleaseOnCancel { get; set; } = true;
}
