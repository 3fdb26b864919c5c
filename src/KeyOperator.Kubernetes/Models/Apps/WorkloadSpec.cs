// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json;
using System.Text.Json.Serialization;

namespace KeyOperator.Kubernetes.Models;

/// <summary>The spec of a Deployment, StatefulSet or DaemonSet: the pod template, plus every other field kept raw.</summary>
public sealed record WorkloadSpec
{
    /// <summary>The pod template.</summary>
    public PodTemplateSpec? Template { get; init; }

    /// <summary>Fields not modelled here (replicas, selector, strategy, …), kept so that they round-trip.</summary>
    /// <remarks>Settable only because System.Text.Json cannot bind extension data through an init accessor.</remarks>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
