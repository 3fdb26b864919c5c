// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Serialization;
using KeyOperator.Kubernetes.Serialization;

namespace KeyOperator.Kubernetes.Models;

/// <summary>events.k8s.io/v1 EventSeries: how often and how recently a repeated event was seen.</summary>
public sealed record EventSeries
{
    /// <summary>Occurrences so far.</summary>
    public int Count { get; init; }

    /// <summary>Time of the last occurrence (MicroTime).</summary>
    [JsonConverter(typeof(KubernetesMicroTimeConverter))]
    public DateTimeOffset? LastObservedTime { get; init; }
}
