// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json;
using System.Text.Json.Nodes;
using KeyOperator.Operator.Controllers.Ports;
using KeyOperator.Operator.RotationPolicies;
using KeyOperator.Operator.Serialization;
using KeyOperator.Runtime.Controllers;

namespace KeyOperator.Operator.Controllers.RotationPolicies;

/// <summary>
/// Validates a RotationPolicy and reports the verdict in its status (Ready, observedGeneration). The ApiKeys that use
/// the policy compile it themselves; this status is for people and tools.
/// </summary>
internal sealed class RotationPolicyReconciler(IRotationPolicyStatusWriter statusWriter, TimeProvider time) : IReconciler<RotationPolicy>
{
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

        await statusWriter.WriteAsync(policy, next, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Done;
    }
}
