// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using k8s.Models;
using KeyOperator.Runtime.Client;
using KeyOperator.Runtime.LeaderElection;

namespace KeyOperator.Runtime.Kubernetes;

/// <summary>
/// The leader-election record kept in a coordination.k8s.io/v1 Lease, through the library's CoordinationV1
/// operations. Updates carry the observed resourceVersion, so a lost race is a 409 that becomes
/// <see cref="LeaseConflictException"/>. (The library's own LeaderElector is not used: it never releases the Lease
/// on shutdown; see docs/architecture.md.)
/// </summary>
public sealed class KubernetesLeaseStore(IKubernetes client, string @namespace, string name) : ILeaseStore
{
    /// <inheritdoc />
    public string Description => $"leases/{@namespace}/{name}";

    /// <inheritdoc />
    public async Task<LeaseRecord?> GetAsync(CancellationToken cancellationToken)
    {
        try
        {
            V1Lease lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            return ToRecord(lease);
        }
        catch (Exception ex) when (KubernetesErrors.IsNotFound(ex))
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
            V1Lease created = await client.CoordinationV1.CreateNamespacedLeaseAsync(ToLease(record), @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            return ToRecord(created);
        }
        catch (Exception ex) when (KubernetesErrors.IsAlreadyExists(ex))
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
            V1Lease updated = await client.CoordinationV1.ReplaceNamespacedLeaseAsync(ToLease(record), name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            return ToRecord(updated);
        }
        catch (Exception ex) when (KubernetesErrors.IsConflict(ex))
        {
            throw new LeaseConflictException("The lease was changed by another candidate.", ex);
        }
    }

    private V1Lease ToLease(LeaseRecord record) => new()
    {
        ApiVersion = "coordination.k8s.io/v1",
        Kind = "Lease",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = @namespace, ResourceVersion = record.ResourceVersion },
        Spec = new V1LeaseSpec
        {
            HolderIdentity = record.HolderIdentity,
            LeaseDurationSeconds = record.LeaseDurationSeconds,
            AcquireTime = record.AcquireTime?.UtcDateTime,
            RenewTime = record.RenewTime?.UtcDateTime,
            LeaseTransitions = record.LeaseTransitions,
        },
    };

    private static LeaseRecord ToRecord(V1Lease lease) => new()
    {
        HolderIdentity = lease.Spec?.HolderIdentity,
        LeaseDurationSeconds = lease.Spec?.LeaseDurationSeconds ?? 0,
        AcquireTime = Utc(lease.Spec?.AcquireTime),
        RenewTime = Utc(lease.Spec?.RenewTime),
        LeaseTransitions = lease.Spec?.LeaseTransitions ?? 0,
        ResourceVersion = lease.Metadata?.ResourceVersion,
    };

    private static DateTimeOffset? Utc(DateTime? time) =>
        time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
}
