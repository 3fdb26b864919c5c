// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using k8s.Models;
using KeyOperator.Operator.Admission.Validation;
using KeyOperator.Operator.Controllers;
using KeyOperator.Runtime.Client;
using Microsoft.Extensions.DependencyInjection;

namespace KeyOperator.Operator.Admission.Adapters;

/// <summary>The labels of a namespace, read live from the API server (for requireRotation's namespace selector).</summary>
internal sealed class ClientNamespaceLabelLookup([FromKeyedServices(KubernetesClientNames.Admission)] IKubernetes client) : INamespaceLabelLookup
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
