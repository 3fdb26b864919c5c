// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.ExternalCredentials;
using KeyOperator.Runtime.Kubernetes;

namespace KeyOperator.Operator.Controllers.ExternalCredentials;

/// <summary>Where ExternalCredentials live in the API.</summary>
internal static class ExternalCredentialResources
{
    /// <summary>keyoperator.io/v1alpha1 externalcredentials.</summary>
    public static CustomResourceType ExternalCredentials { get; } =
        new(ExternalCredentialConstants.Group, ExternalCredentialConstants.Version, ExternalCredentialConstants.Plural, ExternalCredentialConstants.Kind);
}
