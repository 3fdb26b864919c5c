// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Kubernetes;

/// <summary>Where a custom resource lives in the API, for the library's CustomObjects operations.</summary>
/// <param name="Group">API group, such as <c>keyoperator.io</c>.</param>
/// <param name="Version">Version, such as <c>v1alpha1</c>.</param>
/// <param name="Plural">Lower-case plural, such as <c>apikeys</c>.</param>
/// <param name="Kind">Kind, such as <c>ApiKey</c>.</param>
public sealed record CustomResourceType(string Group, string Version, string Plural, string Kind)
{
    /// <summary><c>group/version</c>.</summary>
    public string ApiVersion => Group + "/" + Version;
}
