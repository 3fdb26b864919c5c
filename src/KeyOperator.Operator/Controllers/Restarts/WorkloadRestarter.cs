// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers.Ports;
using KeyOperator.Operator.ExternalCredentials;
using KeyOperator.Operator.Rotation;

namespace KeyOperator.Operator.Controllers.Restarts;

/// <summary>
/// Restarts Deployments, StatefulSets and DaemonSets the way <c>kubectl rollout restart</c> does: a merge patch of a
/// pod-template annotation. The annotation (<see cref="RestartAnnotation"/>) records, per ApiKey (its name) and per
/// ExternalCredential (<c>xc.</c> and its name), the version the workload was restarted for, so a restart is made
/// once per version, survives an operator restart, and is shared by everything that changed together: each patch
/// also records every peer targeting the workload whose committed version is newer than recorded.
/// </summary>
internal sealed class WorkloadRestarter(IWorkloadPatcher workloads, IRestartPeers peers)
{
    private const string CredentialPrefix = "xc.";

    /// <summary>The annotation entry of an ApiKey.</summary>
    public static string EntryFor(ApiKey apiKey)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        return apiKey.Metadata.Name!;
    }

    /// <summary>The annotation entry of an ExternalCredential.</summary>
    public static string EntryFor(ExternalCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return CredentialPrefix + credential.Metadata.Name;
    }

    /// <summary>
    /// When a restart should look again because ApiKeys sharing its workloads are about to rotate (so that one rollout
    /// serves them all), or null to go ahead. See <see cref="RestartBatch"/>.
    /// </summary>
    public DateTimeOffset? BatchDeferral(string @namespace, string entry, IReadOnlyCollection<RestartTarget> targets, DateTimeOffset? committedAt, DateTimeOffset now, RestartBatchOptions options) =>
        RestartBatch.DeferUntil(@namespace, entry, targets, peers.ApiKeys(@namespace), committedAt, now, options);

    /// <summary>For each existing target, the version of <paramref name="entry"/> it was last restarted for (0: never).</summary>
    public async Task<IReadOnlyDictionary<RestartTarget, int>> ReadRestartedVersionsAsync(string @namespace, string entry, IEnumerable<RestartTarget> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        Dictionary<RestartTarget, int> versions = [];
        foreach (RestartTarget target in targets)
        {
            WorkloadState? workload = await workloads.GetAsync(@namespace, target, cancellationToken).ConfigureAwait(false);
            if (workload is not null)
            {
                versions[target] = RestartAnnotation.VersionFor(workload.RestartAnnotation, entry) ?? 0;
            }
        }

        return versions;
    }

    /// <summary>
    /// Records <paramref name="entry"/> = <paramref name="version"/> on each target, together with every peer
    /// targeting the same workload whose status already commits a newer version than the one recorded, so that one
    /// rollout serves them all. Missing workloads are skipped: there is nothing to restart.
    /// </summary>
    public async Task RestartAsync(string @namespace, string entry, IEnumerable<RestartTarget> targets, int version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        foreach (RestartTarget target in targets)
        {
            WorkloadState? workload = await workloads.GetAsync(@namespace, target, cancellationToken).ConfigureAwait(false);
            if (workload is null)
            {
                continue;
            }

            string? existing = workload.RestartAnnotation;
            List<KeyValuePair<string, int>> entries = [new(entry, version), .. CommittedPeers(@namespace, entry, target, existing)];
            string merged = RestartAnnotation.Merge(existing, entries);
            if (merged == existing)
            {
                continue;
            }

            await workloads.PatchRestartAnnotationAsync(@namespace, target, workload.ResourceVersion, merged, cancellationToken).ConfigureAwait(false);
        }
    }

    private IEnumerable<KeyValuePair<string, int>> CommittedPeers(string @namespace, string self, RestartTarget target, string? existing)
    {
        foreach (ApiKey other in peers.ApiKeys(@namespace))
        {
            if (other.Spec.RestartTargets?.Contains(target) == true && other.Status?.CurrentVersion is int committed
                && Newer(EntryFor(other), committed, self, existing) is { } pending)
            {
                yield return pending;
            }
        }

        foreach (ExternalCredential other in peers.ExternalCredentials(@namespace))
        {
            // Data version 1 is the first sync: nothing consumed an older value, so it asks for no restart.
            if (other.Spec.RestartTargets?.Contains(target) == true && other.Status?.DataVersion is int committed and >= 2
                && Newer(EntryFor(other), committed, self, existing) is { } pending)
            {
                yield return pending;
            }
        }
    }

    private static KeyValuePair<string, int>? Newer(string entry, int committed, string self, string? existing) =>
        entry != self && committed > (RestartAnnotation.VersionFor(existing, entry) ?? 0) ? new(entry, committed) : null;
}
