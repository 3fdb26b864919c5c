// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using k8s.Models;
using KeyOperator.Operator.Admission.Validation;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Runtime.Client;
using Microsoft.Extensions.DependencyInjection;

namespace KeyOperator.Operator.Admission.Adapters;

/// <summary>Which ApiKey manages a Secret: the controller owner reference of kind ApiKey, read live from the API server.</summary>
internal sealed class ClientManagedSecretLookup([FromKeyedServices(KubernetesClientNames.Admission)] IKubernetes client) : IManagedSecretLookup
{
    public async ValueTask<string?> FindOwnerAsync(string namespaceName, string secretName, CancellationToken cancellationToken)
    {
        V1Secret secret;
        try
        {
            secret = await client.CoreV1.ReadNamespacedSecretAsync(secretName, namespaceName, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (KubernetesErrors.IsNotFound(ex))
        {
            return null;
        }

        return secret.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Controller == true && o.Kind == ApiKeyConstants.Kind)?.Name;
    }
}
