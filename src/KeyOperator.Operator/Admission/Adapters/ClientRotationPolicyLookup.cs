// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using KeyOperator.Operator.Admission.Validation;
using KeyOperator.Operator.RotationPolicies;
using KeyOperator.Runtime.Client;
using Microsoft.Extensions.DependencyInjection;

namespace KeyOperator.Operator.Admission.Adapters;

/// <summary>Whether a RotationPolicy exists, read live from the API server.</summary>
internal sealed class ClientRotationPolicyLookup([FromKeyedServices(KubernetesClientNames.Admission)] IKubernetes client) : IRotationPolicyLookup
{
    public async ValueTask<bool> ExistsAsync(string namespaceName, string name, CancellationToken cancellationToken)
    {
        try
        {
            await client.CustomObjects.GetNamespacedCustomObjectAsync(
                RotationPolicyConstants.Group, RotationPolicyConstants.Version, namespaceName, RotationPolicyConstants.Plural, name, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (KubernetesErrors.IsNotFound(ex))
        {
            return false;
        }
    }
}
