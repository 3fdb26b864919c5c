// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Kubernetes;
using KeyOperator.Kubernetes.Errors;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;
using KeyOperator.Runtime.LeaderElection;

namespace KeyOperator.Runtime.Kubernetes;

/// <summary>
/// The leader-election record kept in a coordination.k8s.io/v1 Lease. Updates carry the observed
/// resourceVersion, so a lost race is a 409 that becomes <see cref="LeaseConflictException"/>.
/// </summary>
public sealed class KubernetesLeaseStore(IKubernetesClient client, string @namespace, string name) : ILeaseStore
{
    /// <inheritdoc />
    public string Description => $"leases/{@namespace}/{name}";

    /// <inheritdoc />
    public async Task<LeaseRecord?> GetAsync(CancellationToken cancellationToken)
    {
        try
        {
            Lease lease = await client.GetAsync(ResourceType.Leases, @namespace, name, KubernetesJsonContext.Default.Lease, cancellationToken: cancellationToken).ConfigureAwait(false);
            return ToRecord(lease);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<LeaseRecord> CreateAsync(LeaseRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            Lease created = await client.CreateAsync(ResourceType.Leases, ToLease(record), KubernetesJsonContext.Default.Lease, cancellationToken: cancellationToken).ConfigureAwait(false);
            return ToRecord(created);
        }
        catch (AlreadyExistsException ex)
        {
            throw new LeaseConflictException("The lease was created by another candidate.", ex);
        }
    }

    /// <inheritdoc />
    public async Task<LeaseRecord> UpdateAsync(LeaseRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            Lease updated = await client.ReplaceAsync(ResourceType.Leases, ToLease(record), KubernetesJsonContext.Default.Lease, cancellationToken: cancellationToken).ConfigureAwait(false);
            return ToRecord(updated);
        }
        catch (ConflictException ex)
        {
            throw new LeaseConflictException("The lease was changed by another candidate.", ex);
        }
    }

    private Lease ToLease(LeaseRecord record) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = @namespace, ResourceVersion = record.ResourceVersion },
        Spec = new LeaseSpec
        {
            HolderIdentity = record.HolderIdentity,
            LeaseDurationSeconds = record.LeaseDurationSeconds,
            AcquireTime = record.AcquireTime,
            RenewTime = record.RenewTime,
            LeaseTransitions = record.LeaseTransitions,
        },
    };

    private static LeaseRecord ToRecord(Lease lease) => new()
    {
        HolderIdentity = lease.Spec?.HolderIdentity,
        LeaseDurationSeconds = lease.Spec?.LeaseDurationSeconds ?? 0,
        AcquireTime = lease.Spec?.AcquireTime,
        RenewTime = lease.Spec?.RenewTime,
        LeaseTransitions = lease.Spec?.LeaseTransitions ?? 0,
        ResourceVersion = lease.Metadata.ResourceVersion,
    };
}
