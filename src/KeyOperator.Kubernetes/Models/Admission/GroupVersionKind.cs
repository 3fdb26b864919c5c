// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>meta/v1 GroupVersionKind.</summary>
public sealed record GroupVersionKind
{
    /// <summary>API group; empty for the core group.</summary>
    public string? Group { get; init; }

    /// <summary>Version.</summary>
    public string? Version { get; init; }

    /// <summary>Kind.</summary>
    public string? Kind { get; init; }
}
