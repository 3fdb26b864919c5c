// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers.Ports;
using KeyOperator.Operator.Rotation;
using KeyOperator.Runtime.Informers;

namespace KeyOperator.Operator.Controllers.ApiKeys;

/// <summary>
/// Restarts Deployments, StatefulSets and DaemonSets the way <c>kubectl rollout restart</c> does: a merge patch of a
/// pod-template annotation. The annotation (<see cref="RestartAnnotation"/>) also records which key versions the
/// workload was restarted for, so a restart is made once per version and shared by keys rotating together.
/// </summary>
internal sealed class WorkloadRestarter(IWorkloadPatcher workloads, Informer<ApiKey> apiKeys)
{

    /// <summary>When a restart should look again because keys sharing its workloads are about to rotate, or null to go ahead.</summary>
    public DateTimeOffset? BatchDeferral(ApiKey apiKey, IReadOnlyCollection<RestartTarget> targets, DateTimeOffset? committedAt, DateTimeOffset now, RestartBatchOptions options) =>
        RestartBatch.DeferUntil(apiKey, targets, apiKeys.Cache.ByIndex(IndexNames.Namespace, apiKey.Metadata.NamespaceProperty ?? string.Empty), committedAt, now, options);

    /// <summary>For each existing restart target, the version of this ApiKey it was last restarted for (0: never).</summary>
    public async Task<IReadOnlyDictionary<RestartTarget, int>> ReadRestartedVersionsAsync(ApiKey apiKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        Dictionary<RestartTarget, int> versions = [];
        foreach (RestartTarget target in apiKey.Spec.RestartTargets ?? [])
        {
            WorkloadState? workload = await workloads.GetAsync(apiKey.Metadata.NamespaceProperty!, target, cancellationToken).ConfigureAwait(false);
            if (workload is not null)
            {
                versions[target] = RestartAnnotation.VersionFor(workload.RestartAnnotation, apiKey.Metadata.Name!) ?? 0;
            }
        }

        return versions;
    }

    /// <summary>
    /// Records <paramref name="apiKey"/> = <paramref name="version"/> on each target, together with every other
    /// ApiKey targeting the same workload whose status already commits a newer version than the one recorded, so
    /// that one rollout serves them all. Missing workloads are skipped: there is nothing to restart.
    /// </summary>
    public async Task RestartAsync(ApiKey apiKey, IEnumerable<RestartTarget> targets, int version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        ArgumentNullException.ThrowIfNull(targets);
        string ns = apiKey.Metadata.NamespaceProperty!;
        foreach (RestartTarget target in targets)
        {
            WorkloadState? workload = await workloads.GetAsync(ns, target, cancellationToken).ConfigureAwait(false);
            if (workload is null)
            {
                continue;
            }

            string? existing = workload.RestartAnnotation;
            List<KeyValuePair<string, int>> entries = [new(apiKey.Metadata.Name!, version)];
            // Only this namespace's keys can share a target; the cache copies what it hands out, so ask it for no more.
            foreach (ApiKey other in apiKeys.Cache.ByIndex(IndexNames.Namespace, ns))
            {
                if (other.Metadata.NamespaceProperty == ns && other.Metadata.Name != apiKey.Metadata.Name
                    && other.Spec.RestartTargets?.Contains(target) == true
                    && other.Status?.CurrentVersion is int committed && committed > (RestartAnnotation.VersionFor(existing, other.Metadata.Name!) ?? 0))
                {
                    entries.Add(new(other.Metadata.Name!, committed));
                }
            }

            string merged = RestartAnnotation.Merge(existing, entries);
            if (merged == existing)
            {
                continue;
            }

            await workloads.PatchRestartAnnotationAsync(ns, target, workload.ResourceVersion, merged, cancellationToken).ConfigureAwait(false);
        }
    }
}
