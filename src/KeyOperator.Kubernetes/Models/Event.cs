// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Serialization;
using KeyOperator.Kubernetes.Serialization;

namespace KeyOperator.Kubernetes.Models;

/// <summary>
/// events.k8s.io/v1 Event. <see cref="EventTime"/> is a MicroTime (six fractional digits) and is required by the server.
/// The <c>deprecated*</c> fields of the core/v1 compatibility view are kept so that reads round-trip.
/// </summary>
public sealed record Event : IKubernetesObject
{
    /// <inheritdoc />
    public string? ApiVersion { get; init; } = "events.k8s.io/v1";

    /// <inheritdoc />
    public string? Kind { get; init; } = "Event";

    /// <inheritdoc />
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>When the event first happened (MicroTime).</summary>
    [JsonConverter(typeof(KubernetesMicroTimeConverter))]
    public DateTimeOffset? EventTime { get; init; }

    /// <summary>Set when the event is a repeat series of the same occurrence.</summary>
    public EventSeries? Series { get; init; }

    /// <summary>Controller that emitted the event, such as <c>keyoperator.io/controller</c>.</summary>
    public string? ReportingController { get; init; }

    /// <summary>Instance of the controller, such as the pod name.</summary>
    public string? ReportingInstance { get; init; }

    /// <summary>Machine-readable action taken or failed, such as <c>Rotate</c>.</summary>
    public string? Action { get; init; }

    /// <summary>CamelCase reason for the action.</summary>
    public string? Reason { get; init; }

    /// <summary>The object the event is about.</summary>
    public ObjectReference? Regarding { get; init; }

    /// <summary>A secondary object, when there is one.</summary>
    public ObjectReference? Related { get; init; }

    /// <summary>Human-readable description (at most 1 kB); never secret material.</summary>
    public string? Note { get; init; }

    /// <summary><c>Normal</c> or <c>Warning</c>.</summary>
    public string? Type { get; init; }

    /// <summary>core/v1 compatibility: the source component.</summary>
    public EventSource? DeprecatedSource { get; init; }

    /// <summary>core/v1 compatibility: first occurrence.</summary>
    public DateTimeOffset? DeprecatedFirstTimestamp { get; init; }

    /// <summary>core/v1 compatibility: last occurrence.</summary>
    public DateTimeOffset? DeprecatedLastTimestamp { get; init; }

    /// <summary>core/v1 compatibility: occurrence count.</summary>
    public int? DeprecatedCount { get; init; }
}
