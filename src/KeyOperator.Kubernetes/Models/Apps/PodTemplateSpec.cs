// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;

namespace KeyOperator.Kubernetes.Models;

/// <summary>core/v1 PodTemplateSpec: typed metadata and a raw pod spec.</summary>
public sealed record PodTemplateSpec
{
    /// <summary>Labels and annotations stamped on the pods; changing annotations rolls the workload.</summary>
    public ObjectMeta? Metadata { get; init; }

    /// <summary>The pod spec, raw.</summary>
    public JsonObject? Spec { get; init; }
}
