// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>core/v1 ObjectReference: points at an object by kind, namespace, name and uid (used by events).</summary>
public sealed record ObjectReference
{
    /// <summary>Kind of the referent.</summary>
    public string? Kind { get; init; }

    /// <summary>Namespace of the referent.</summary>
    public string? Namespace { get; init; }

    /// <summary>Name of the referent.</summary>
    public string? Name { get; init; }

    /// <summary>Uid of the referent.</summary>
    public string? Uid { get; init; }

    /// <summary>API version of the referent.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>The resourceVersion the reference was made at.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>A path inside the referent, such as <c>spec.containers{name}</c>.</summary>
    public string? FieldPath { get; init; }
}
