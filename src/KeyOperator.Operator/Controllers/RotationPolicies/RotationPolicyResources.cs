// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Kubernetes;
using KeyOperator.Operator.RotationPolicies;

namespace KeyOperator.Operator.Controllers.RotationPolicies;

/// <summary>The REST resource of the RotationPolicy kind.</summary>
internal static class RotationPolicyResources
{
    public static ResourceType RotationPolicies { get; } = new()
    {
        Group = RotationPolicyConstants.Group,
        Version = RotationPolicyConstants.Version,
        Plural = RotationPolicyConstants.Plural,
        Kind = RotationPolicyConstants.Kind,
        Namespaced = true,
    };
}
