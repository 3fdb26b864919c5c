// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>One decoded watch event.</summary>
/// <typeparam name="T">The watched object type.</typeparam>
public sealed record WatchEvent<T>
{
    /// <summary>What happened.</summary>
    public required WatchEventType Type { get; init; }

    /// <summary>
    /// The object after the change (for <see cref="WatchEventType.Deleted"/>, its last state; for
    /// <see cref="WatchEventType.Bookmark"/>, an object whose metadata carries only the resourceVersion).
    /// </summary>
    public required T Object { get; init; }

    /// <summary>The object's <c>metadata.resourceVersion</c>, read from the wire, to resume a watch from.</summary>
    public string? ResourceVersion { get; init; }
}
