// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.ApiKeys;
using KeyOperator.Runtime.Kubernetes;

namespace KeyOperator.Operator.Controllers.ApiKeys;

/// <summary>Where ApiKeys live in the API.</summary>
internal static class ApiKeyResources
{
    /// <summary>keyoperator.io/v1alpha1 apikeys.</summary>
    public static CustomResourceType ApiKeys { get; } =
        new(ApiKeyConstants.Group, ApiKeyConstants.Version, ApiKeyConstants.Plural, ApiKeyConstants.Kind);
}
