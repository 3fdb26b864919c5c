// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Events;

/// <summary>An event shaped like events.k8s.io/v1 Event, ready for the sink to write.</summary>
public sealed record EventRecord
{
    /// <summary>metadata.name: "{regarding name}.{hex nanoseconds}", as client-go names events.</summary>
    public required string Name { get; init; }

    /// <summary>metadata.namespace (the regarding object's, or "default" for cluster-scoped objects).</summary>
    public required string Namespace { get; init; }

    /// <summary>The object the event is about.</summary>
    public required ObjectReference Regarding { get; init; }

    /// <summary>Normal or Warning.</summary>
    public required string Type { get; init; }

    /// <summary>CamelCase reason.</summary>
    public required string Reason { get; init; }

    /// <summary>What was done or failed, CamelCase (events.k8s.io/v1 action).</summary>
    public required string Action { get; init; }

    /// <summary>Human-readable note (at most 1 kB on the server); never secret values.</summary>
    public required string Note { get; init; }

    /// <summary>reportingController, for example "keyoperator.io/key-operator".</summary>
    public required string ReportingController { get; init; }

    /// <summary>reportingInstance, for example the pod name.</summary>
    public required string ReportingInstance { get; init; }

    /// <summary>eventTime: when the first occurrence was seen.</summary>
    public required DateTimeOffset EventTime { get; init; }

    /// <summary>series.count: occurrences so far; 1 for a new event (no series is written then).</summary>
    public int Count { get; init; } = 1;

    /// <summary>series.lastObservedTime: the latest occurrence.</summary>
    public DateTimeOffset LastObservedTime { get; init; }
}
