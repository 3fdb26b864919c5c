// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Kubernetes;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;
using KeyOperator.Operator.Admission.Validation;

namespace KeyOperator.Operator.Admission.Adapters;

/// <summary>The labels of a namespace, read live from the API server (for requireRotation's namespace selector).</summary>
internal sealed class ClientNamespaceLabelLookup(IKubernetesClient client) : INamespaceLabelLookup
{
    public async ValueTask<IReadOnlyDictionary<string, string>?> GetLabelsAsync(string namespaceName, CancellationToken cancellationToken)
    {
        Namespace? ns = await client.TryGetAsync(ResourceType.Namespaces, null, namespaceName, KubernetesJsonContext.Default.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ns is null ? null : ns.Metadata.Labels ?? new Dictionary<string, string>();
    }
}
