// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.RotationPolicies;
using KeyOperator.Runtime.Kubernetes;

namespace KeyOperator.Operator.Controllers.RotationPolicies;

/// <summary>Where RotationPolicies live in the API.</summary>
internal static class RotationPolicyResources
{
    /// <summary>keyoperator.io/v1alpha1 rotationpolicies.</summary>
    public static CustomResourceType RotationPolicies { get; } =
        new(RotationPolicyConstants.Group, RotationPolicyConstants.Version, RotationPolicyConstants.Plural, RotationPolicyConstants.Kind);
}
