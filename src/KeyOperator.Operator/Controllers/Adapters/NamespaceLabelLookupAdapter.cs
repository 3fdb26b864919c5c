// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using k8s.Models;
using KeyOperator.Operator.Admission.Validation;
using KeyOperator.Runtime.Client;

namespace KeyOperator.Operator.Controllers.Adapters;

/// <summary>Namespace labels for the controllers (an HSM's namespaceSelector), over the operator's main client.</summary>
internal sealed class NamespaceLabelLookupAdapter(IKubernetes client) : INamespaceLabelLookup
{
    public async ValueTask<IReadOnlyDictionary<string, string>?> GetLabelsAsync(string namespaceName, CancellationToken cancellationToken)
    {
        try
        {
            V1Namespace ns = await client.CoreV1.ReadNamespaceAsync(namespaceName, cancellationToken: cancellationToken).ConfigureAwait(false);
            return ObjectViews.Labels(ns.Metadata);
        }
        catch (Exception ex) when (KubernetesErrors.IsNotFound(ex))
        {
            return null;
        }
    }
}
