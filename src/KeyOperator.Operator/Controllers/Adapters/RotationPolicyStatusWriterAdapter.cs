// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KeyOperator.Operator.Controllers.Ports;
using KeyOperator.Operator.Controllers.RotationPolicies;
using KeyOperator.Operator.RotationPolicies;
using KeyOperator.Operator.Serialization;

namespace KeyOperator.Operator.Controllers.Adapters;

/// <summary><see cref="IRotationPolicyStatusWriter"/>: a merge patch of the status subresource.</summary>
internal sealed class RotationPolicyStatusWriterAdapter(IKubernetes client) : IRotationPolicyStatusWriter
{
    /// <summary>Field manager of RotationPolicy status.</summary>
    public const string FieldManager = "key-operator-rotationpolicies";

    public async Task WriteAsync(RotationPolicy policy, RotationPolicyStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(status);

        // A merge patch replaces the conditions list whole; the resourceVersion precondition keeps a stale cache
        // from overwriting the status of a newer generation.
        JsonObject patch = new()
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = policy.Metadata.ResourceVersion },
            ["status"] = JsonSerializer.SerializeToNode(status, OperatorJsonContext.Default.RotationPolicyStatus),
        };
        var type = RotationPolicyResources.RotationPolicies;
        await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch),
            type.Group,
            type.Version,
            policy.Metadata.NamespaceProperty,
            type.Plural,
            policy.Metadata.Name,
            fieldManager: FieldManager,
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
