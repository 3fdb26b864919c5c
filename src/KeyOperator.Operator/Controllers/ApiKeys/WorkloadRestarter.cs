// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.Kubernetes;
using KeyOperator.Kubernetes.Errors;
using KeyOperator.Kubernetes.Serialization;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Rotation;
using KeyOperator.Runtime.Informers;

namespace KeyOperator.Operator.Controllers.ApiKeys;

/// <summary>
/// Restarts Deployments, StatefulSets and DaemonSets the way <c>kubectl rollout restart</c> does: a merge patch of a
/// pod-template annotation. The annotation (<see cref="RestartAnnotation"/>) also records which key versions the
/// workload was restarted for, so a restart is made once per version and shared by keys rotating together.
/// </summary>
internal sealed class WorkloadRestarter(IKubernetesClient client, Informer<ApiKey> apiKeys)
{
    public const string FieldManager = "key-operator-restarts";

    /// <summary>When a restart should look again because keys sharing its workloads are about to rotate, or null to go ahead.</summary>
    public DateTimeOffset? BatchDeferral(ApiKey apiKey, IReadOnlyCollection<RestartTarget> targets, DateTimeOffset? committedAt, DateTimeOffset now, RestartBatchOptions options) =>
        RestartBatch.DeferUntil(apiKey, targets, apiKeys.Cache.List(), committedAt, now, options);

    /// <summary>For each existing restart target, the version of this ApiKey it was last restarted for (0: never).</summary>
    public async Task<IReadOnlyDictionary<RestartTarget, int>> ReadRestartedVersionsAsync(ApiKey apiKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        Dictionary<RestartTarget, int> versions = [];
        foreach (RestartTarget target in apiKey.Spec.RestartTargets ?? [])
        {
            JsonObject? workload = await TryGetAsync(apiKey.Metadata.Namespace!, target, cancellationToken).ConfigureAwait(false);
            if (workload is not null)
            {
                versions[target] = RestartAnnotation.VersionFor(AnnotationOf(workload), apiKey.Metadata.Name!) ?? 0;
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
        string ns = apiKey.Metadata.Namespace!;
        foreach (RestartTarget target in targets)
        {
            JsonObject? workload = await TryGetAsync(ns, target, cancellationToken).ConfigureAwait(false);
            if (workload is null)
            {
                continue;
            }

            string? existing = AnnotationOf(workload);
            List<KeyValuePair<string, int>> entries = [new(apiKey.Metadata.Name!, version)];
            foreach (ApiKey other in apiKeys.Cache.List())
            {
                if (other.Metadata.Namespace == ns && other.Metadata.Name != apiKey.Metadata.Name
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

            JsonObject patch = new()
            {
                ["metadata"] = new JsonObject { ["resourceVersion"] = workload["metadata"]?["resourceVersion"]?.GetValue<string>() },
                ["spec"] = new JsonObject
                {
                    ["template"] = new JsonObject
                    {
                        ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [RestartAnnotation.Name] = merged } },
                    },
                },
            };
            await client.PatchAsync(
                TypeOf(target.Kind),
                ns,
                target.Name!,
                KubernetesPatch.Merge(patch),
                KubernetesJsonContext.Default.JsonObject,
                new WriteOptions { FieldManager = FieldManager },
                cancellationToken).ConfigureAwait(false);
        }
    }

    private static string? AnnotationOf(JsonObject workload) =>
        workload["spec"]?["template"]?["metadata"]?["annotations"]?[RestartAnnotation.Name]?.GetValue<string>();

    private async Task<JsonObject?> TryGetAsync(string @namespace, RestartTarget target, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetObjectAsync(TypeOf(target.Kind), @namespace, target.Name!, cancellationToken).ConfigureAwait(false);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    private static ResourceType TypeOf(WorkloadKind kind) => kind switch
    {
        WorkloadKind.StatefulSet => ResourceType.StatefulSets,
        WorkloadKind.DaemonSet => ResourceType.DaemonSets,
        _ => ResourceType.Deployments,
    };
}
