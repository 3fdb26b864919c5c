// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Kubernetes;
using KeyOperator.Kubernetes.Serialization;
using KeyOperator.Operator.Admission.Validation;
using KeyOperator.Operator.ApiKeys;

namespace KeyOperator.Operator.Admission.Adapters;

/// <summary>Whether a RotationPolicy exists, read live from the API server.</summary>
internal sealed class ClientRotationPolicyLookup(IKubernetesClient client) : IRotationPolicyLookup
{
    private static readonly ResourceType RotationPolicies = new()
    {
        Group = ApiKeyConstants.Group,
        Version = ApiKeyConstants.Version,
        Plural = "rotationpolicies",
        Kind = "RotationPolicy",
        Namespaced = true,
    };

    public async ValueTask<bool> ExistsAsync(string namespaceName, string name, CancellationToken cancellationToken) =>
        await client.TryGetAsync(RotationPolicies, namespaceName, name, KubernetesJsonContext.Default.JsonObject, cancellationToken: cancellationToken).ConfigureAwait(false) is not null;
}
