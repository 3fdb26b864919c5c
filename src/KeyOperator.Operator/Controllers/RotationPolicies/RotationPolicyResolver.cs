// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers.ApiKeys;
using KeyOperator.Operator.RotationPolicies;
using KeyOperator.Runtime.Informers;
using KeyOperator.Runtime.Queue;

namespace KeyOperator.Operator.Controllers.RotationPolicies;

/// <summary>
/// Finds the policy an ApiKey references in the informer cache and compiles it; also maps a policy back to the
/// ApiKeys that reference it, so that they are reconciled when it appears, changes or goes away.
/// </summary>
internal sealed class RotationPolicyResolver(Informer<RotationPolicy> policies, Informer<ApiKey> apiKeys)
{
    public PolicyResolution Resolve(ApiKey apiKey)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        string? name = apiKey.Spec.RotationPolicyRef?.Name;
        if (string.IsNullOrEmpty(name))
        {
            return PolicyResolution.None;
        }

        RotationPolicy? policy = policies.Cache.Get(new QueueKey(apiKey.Metadata.NamespaceProperty, name));
        if (policy is null || policy.Metadata.DeletionTimestamp is not null)
        {
            return new PolicyResolution(null, ApiKeyReasons.PolicyNotFound,
                $"RotationPolicy {name} does not exist in namespace {apiKey.Metadata.NamespaceProperty}; the key is rotated only on request until it does");
        }

        RotationPolicyCompilation compilation = RotationPolicyCompiler.Compile(policy.Spec);
        return compilation.IsValid
            ? new PolicyResolution(compilation.Policy, ApiKeyReasons.PolicyFound, $"RotationPolicy {name} is valid and in use")
            : new PolicyResolution(null, ApiKeyReasons.PolicyInvalid,
                $"RotationPolicy {name} is invalid ({string.Join("; ", compilation.Errors)}); the key is rotated only on request until it is fixed");
    }

    /// <summary>The ApiKeys in the policy's namespace whose spec.rotationPolicyRef names it.</summary>
    public IEnumerable<QueueKey> ReferencingApiKeys(RotationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return apiKeys.Cache.ByIndex(IndexNames.Namespace, policy.Metadata.NamespaceProperty ?? string.Empty)
            .Where(k => k.Spec.RotationPolicyRef?.Name == policy.Metadata.Name)
            .Select(k => new QueueKey(k.Metadata.NamespaceProperty, k.Metadata.Name!));
    }
}
