// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>core/v1 EventSource: component and host that produced an event.</summary>
public sealed record EventSource
{
    /// <summary>Component name.</summary>
    public string? Component { get; init; }

    /// <summary>Node name.</summary>
    public string? Host { get; init; }
}
