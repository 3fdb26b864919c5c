// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>core/v1 NamespaceStatus (phase only).</summary>
public sealed record NamespaceStatus
{
    /// <summary><c>Active</c>, or <c>Terminating</c> once deletion has started.</summary>
    public string? Phase { get; init; }
}
