// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.RotationPolicies;

/// <summary>Names of the RotationPolicy kind, in one place so that the CRD, discovery and clients cannot drift.</summary>
internal static class RotationPolicyConstants
{
    /// <summary>API group of KeyOperator's kinds.</summary>
    public const string Group = "keyoperator.io";

    /// <summary>API version of the RotationPolicy kind.</summary>
    public const string Version = "v1alpha1";

    /// <summary><c>group/version</c> as written in apiVersion.</summary>
    public const string ApiVersion = Group + "/" + Version;

    /// <summary>The kind.</summary>
    public const string Kind = "RotationPolicy";

    /// <summary>Plural resource name used in URLs.</summary>
    public const string Plural = "rotationpolicies";

    /// <summary>Singular resource name.</summary>
    public const string Singular = "rotationpolicy";

    /// <summary>kubectl short name.</summary>
    public const string ShortName = "rp";

    /// <summary>Categories, so that <c>kubectl get keyoperator</c> and <c>kubectl get all</c> list policies.</summary>
    public static readonly IReadOnlyList<string> Categories = ["keyoperator", "all"];
}
