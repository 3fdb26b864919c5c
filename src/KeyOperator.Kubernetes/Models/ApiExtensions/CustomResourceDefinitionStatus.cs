// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>apiextensions.k8s.io/v1 CustomResourceDefinitionStatus.</summary>
public sealed record CustomResourceDefinitionStatus
{
    /// <summary>Conditions such as <c>NamesAccepted</c> and <c>Established</c>.</summary>
    public IReadOnlyList<Condition>? Conditions { get; init; }

    /// <summary>The names actually being served.</summary>
    public CustomResourceDefinitionNames? AcceptedNames { get; init; }

    /// <summary>Every version ever used for storage; needed for storage migration.</summary>
    public IReadOnlyList<string>? StoredVersions { get; init; }

    /// <summary>The generation this status describes.</summary>
    public long? ObservedGeneration { get; init; }
}
