// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.LeaderElection;

/// <summary>Reads and writes the one Lease an elector competes for (client-go resourcelock.Interface).</summary>
public interface ILeaseStore
{
    /// <summary>A description of the lock for logs, for example "namespace/name".</summary>
    string Description { get; }

    /// <summary>Returns the current record, or null when the Lease does not exist.</summary>
    Task<LeaseRecord?> GetAsync(CancellationToken cancellationToken);

    /// <summary>Creates the Lease; throws <see cref="LeaseConflictException"/> if it already exists.</summary>
    Task<LeaseRecord> CreateAsync(LeaseRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the Lease if its resourceVersion still equals <see cref="LeaseRecord.ResourceVersion"/>, else throws
    /// <see cref="LeaseConflictException"/> (optimistic concurrency is the only fencing leader election has).
    /// </summary>
    Task<LeaseRecord> UpdateAsync(LeaseRecord record, CancellationToken cancellationToken);
}
