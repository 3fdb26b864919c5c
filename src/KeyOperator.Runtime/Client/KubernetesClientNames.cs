// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Client;

/// <summary>
/// Keys of the clients besides the main one. Each has its own rate-limit bucket (and connection pool), so that a
/// backlog of reconcile requests can neither delay a Lease renewal past the lease duration (controller-runtime gives
/// leader election its own client for the same reason) nor hold an admission review past its webhook timeout.
/// </summary>
public static class KubernetesClientNames
{
    /// <summary>The client of the leader-election Lease.</summary>
    public const string LeaderElection = "leader-election";

    /// <summary>The client of the admission webhook's lookups and certificate storage.</summary>
    public const string Admission = "admission";
}
