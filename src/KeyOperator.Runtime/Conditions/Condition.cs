// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Conditions;

/// <summary>
/// meta/v1 Condition. Conditions form a list keyed by <see cref="Type"/>; <see cref="LastTransitionTime"/> moves
/// only when <see cref="Status"/> flips.
/// </summary>
/// <remarks>
/// Our kinds carry this immutable record in status rather than the library's <c>V1Condition</c>:
/// <see cref="Conditions.Set"/> compares by value and returns the same list when nothing changed, which is how a
/// reconcile skips a status write. (The summary above is user-facing: it becomes the CRD's description.)
/// </remarks>
public sealed record Condition
{
    /// <summary>PascalCase type, unique within the list, such as <c>Ready</c>.</summary>
    public required string Type { get; init; }

    /// <summary><c>True</c>, <c>False</c> or <c>Unknown</c>.</summary>
    public required string Status { get; init; }

    /// <summary>The <c>metadata.generation</c> this condition was computed for.</summary>
    public long? ObservedGeneration { get; init; }

    /// <summary>When <see cref="Status"/> last changed.</summary>
    public DateTimeOffset? LastTransitionTime { get; init; }

    /// <summary>CamelCase machine-readable reason for the last transition.</summary>
    public required string Reason { get; init; }

    /// <summary>Human-readable detail; never contains secret material.</summary>
    public string? Message { get; init; }
}
