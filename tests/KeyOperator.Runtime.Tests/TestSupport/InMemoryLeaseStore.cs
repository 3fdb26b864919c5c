// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using KeyOperator.Runtime.LeaderElection;

namespace KeyOperator.Runtime.Tests.TestSupport;

/// <summary>A Lease in memory with resourceVersion preconditions, like the API server's optimistic concurrency.</summary>
internal sealed class InMemoryLeaseStore : ILeaseStore
{
    private readonly object _sync = new();
    private LeaseRecord? _record;
    private int _version;

    public string Description => "test/key-operator-leader";

    /// <summary>When set, calls made by this holder fail (simulates a partitioned leader).</summary>
    public string? FailFor { get; set; }

    public LeaseRecord? Current
    {
        get
        {
            lock (_sync)
            {
                return _record;
            }
        }
    }

    public Task<LeaseRecord?> GetAsync(CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            return Task.FromResult(_record);
        }
    }

    public Task<LeaseRecord> CreateAsync(LeaseRecord record, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            ThrowIfPartitioned(record);
            if (_record is not null)
            {
                throw new LeaseConflictException("already exists");
            }

            _record = record with { ResourceVersion = Next() };
            return Task.FromResult(_record);
        }
    }

    public Task<LeaseRecord> UpdateAsync(LeaseRecord record, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            ThrowIfPartitioned(record);
            if (_record is null || _record.ResourceVersion != record.ResourceVersion)
            {
                throw new LeaseConflictException();
            }

            _record = record with { ResourceVersion = Next() };
            return Task.FromResult(_record);
        }
    }

    private void ThrowIfPartitioned(LeaseRecord record)
    {
        if (FailFor is not null && (record.HolderIdentity == FailFor || (record.HolderIdentity == string.Empty && _record?.HolderIdentity == FailFor)))
        {
            throw new IOException("partitioned");
        }
    }

    private string Next() => (++_version).ToString(CultureInfo.InvariantCulture);
}
