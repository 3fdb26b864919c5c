// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers.Ports;
using KeyOperator.Operator.Rotation;
using KeyOperator.Runtime.Client;

namespace KeyOperator.Operator.Controllers.Adapters;

/// <summary><see cref="IWorkloadPatcher"/> over the library's AppsV1 operations.</summary>
internal sealed class WorkloadPatcherAdapter(IKubernetes client) : IWorkloadPatcher
{
    /// <summary>Field manager of the restart annotation.</summary>
    public const string FieldManager = "key-operator-restarts";

    public async Task<WorkloadState?> GetAsync(string @namespace, RestartTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        try
        {
            switch (target.Kind)
            {
                case WorkloadKind.StatefulSet:
                    V1StatefulSet statefulSet = await client.AppsV1.ReadNamespacedStatefulSetAsync(target.Name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                    return State(statefulSet.Metadata, statefulSet.Spec?.Template);
                case WorkloadKind.DaemonSet:
                    V1DaemonSet daemonSet = await client.AppsV1.ReadNamespacedDaemonSetAsync(target.Name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                    return State(daemonSet.Metadata, daemonSet.Spec?.Template);
                default:
                    V1Deployment deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(target.Name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                    return State(deployment.Metadata, deployment.Spec?.Template);
            }
        }
        catch (Exception ex) when (KubernetesErrors.IsNotFound(ex))
        {
            return null;
        }
    }

    public async Task PatchRestartAnnotationAsync(string @namespace, RestartTarget target, string? resourceVersion, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        JsonObject patch = new()
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
            ["spec"] = new JsonObject
            {
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [RestartAnnotation.Name] = value } },
                },
            },
        };
        V1Patch body = new(patch.ToJsonString(), V1Patch.PatchType.MergePatch);
        switch (target.Kind)
        {
            case WorkloadKind.StatefulSet:
                await client.AppsV1.PatchNamespacedStatefulSetAsync(body, target.Name, @namespace, fieldManager: FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            case WorkloadKind.DaemonSet:
                await client.AppsV1.PatchNamespacedDaemonSetAsync(body, target.Name, @namespace, fieldManager: FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            default:
                await client.AppsV1.PatchNamespacedDeploymentAsync(body, target.Name, @namespace, fieldManager: FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private static WorkloadState State(V1ObjectMeta? metadata, V1PodTemplateSpec? template) =>
        new(metadata?.ResourceVersion, template?.Metadata?.Annotations?.TryGetValue(RestartAnnotation.Name, out string? value) == true ? value : null);
}
