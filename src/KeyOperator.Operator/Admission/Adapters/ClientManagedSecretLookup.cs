// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Kubernetes;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;
using KeyOperator.Operator.Admission.Validation;
using KeyOperator.Operator.ApiKeys;

namespace KeyOperator.Operator.Admission.Adapters;

/// <summary>Which ApiKey manages a Secret: the controller owner reference of kind ApiKey, read live from the API server.</summary>
internal sealed class ClientManagedSecretLookup(IKubernetesClient client) : IManagedSecretLookup
{
    public async ValueTask<string?> FindOwnerAsync(string namespaceName, string secretName, CancellationToken cancellationToken)
    {
        Secret? secret = await client.TryGetAsync(ResourceType.Secrets, namespaceName, secretName, KubernetesJsonContext.Default.Secret, cancellationToken: cancellationToken).ConfigureAwait(false);
        return secret?.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true && o.Kind == ApiKeyConstants.Kind)?.Name;
    }
}
