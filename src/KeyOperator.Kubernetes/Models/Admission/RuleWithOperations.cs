// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>admissionregistration.k8s.io/v1 RuleWithOperations.</summary>
public sealed record RuleWithOperations
{
    /// <summary><c>CREATE</c>, <c>UPDATE</c>, <c>DELETE</c>, <c>CONNECT</c> or <c>*</c>.</summary>
    public IReadOnlyList<string>? Operations { get; init; }

    /// <summary>API groups; <c>*</c> for all.</summary>
    public IReadOnlyList<string>? ApiGroups { get; init; }

    /// <summary>API versions; <c>*</c> for all.</summary>
    public IReadOnlyList<string>? ApiVersions { get; init; }

    /// <summary>Resources, optionally with subresources such as <c>apikeys/status</c>.</summary>
    public IReadOnlyList<string>? Resources { get; init; }

    /// <summary><c>Cluster</c>, <c>Namespaced</c> or <c>*</c>.</summary>
    public string? Scope { get; init; }
}
