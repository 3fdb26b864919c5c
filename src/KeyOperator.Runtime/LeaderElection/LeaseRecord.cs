// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.LeaderElection;

/// <summary>
/// The spec of a coordination.k8s.io/v1 Lease as leader election uses it (client-go resourcelock
/// LeaderElectionRecord). The store maps it to the Lease object; MicroTime formatting is the store's concern.
/// </summary>
public sealed record LeaseRecord
{
    /// <summary>spec.holderIdentity; empty when released.</summary>
    public string? HolderIdentity { get; init; }

    /// <summary>spec.leaseDurationSeconds.</summary>
    public int LeaseDurationSeconds { get; init; }

    /// <summary>spec.acquireTime.</summary>
    public DateTimeOffset? AcquireTime { get; init; }

    /// <summary>spec.renewTime.</summary>
    public DateTimeOffset? RenewTime { get; init; }

    /// <summary>spec.leaseTransitions: incremented each time another holder takes over.</summary>
    public int LeaseTransitions { get; init; }

    /// <summary>metadata.resourceVersion of the Lease this record was read from; updates are conditional on it.</summary>
    public string? ResourceVersion { get; init; }
}
