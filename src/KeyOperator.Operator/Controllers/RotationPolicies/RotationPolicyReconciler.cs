// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json;
using System.Text.Json.Nodes;
using KeyOperator.Kubernetes;
using KeyOperator.Operator.RotationPolicies;
using KeyOperator.Operator.Serialization;
using KeyOperator.Runtime.Controllers;

namespace KeyOperator.Operator.Controllers.RotationPolicies;

/// <summary>
/// Validates a RotationPolicy and reports the verdict in its status (Ready, observedGeneration). The ApiKeys that use
/// the policy compile it themselves; this status is for people and tools.
/// </summary>
internal sealed class RotationPolicyReconciler(IKubernetesClient client, TimeProvider time) : IReconciler<RotationPolicy>
{
    public const string FieldManager = "key-operator-rotationpolicies";

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<RotationPolicy> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RotationPolicy? policy = request.Object;
        if (policy is null || policy.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done;
        }

        RotationPolicyCompilation compilation = RotationPolicyCompiler.Compile(policy.Spec);
        RotationPolicyStatus next = RotationPolicyStatusBuilder.Build(compilation, policy.Metadata.Generation, policy.Status, time.GetUtcNow());
        JsonNode nextJson = JsonSerializer.SerializeToNode(next, OperatorJsonContext.Default.RotationPolicyStatus)!;
        JsonNode? currentJson = policy.Status is null ? null : JsonSerializer.SerializeToNode(policy.Status, OperatorJsonContext.Default.RotationPolicyStatus);
        if (JsonNode.DeepEquals(nextJson, currentJson))
        {
            return ReconcileResult.Done;
        }

        // A merge patch replaces the conditions list whole; the resourceVersion precondition keeps a stale cache
        // from overwriting the status of a newer generation.
        JsonObject patch = new()
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = policy.Metadata.ResourceVersion },
            ["status"] = nextJson,
        };
        await client.PatchAsync(
            RotationPolicyResources.RotationPolicies,
            policy.Metadata.Namespace,
            policy.Metadata.Name!,
            KubernetesPatch.Merge(patch),
            OperatorJsonContext.Default.RotationPolicy,
            new WriteOptions { Subresource = "status", FieldManager = FieldManager },
            cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Done;
    }
}
