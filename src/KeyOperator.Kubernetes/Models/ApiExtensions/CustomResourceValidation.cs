// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace KeyOperator.Kubernetes.Models;

/// <summary>apiextensions.k8s.io/v1 CustomResourceValidation.</summary>
public sealed record CustomResourceValidation
{
    /// <summary>Structural OpenAPI v3 schema, raw, so that every keyword and extension round-trips.</summary>
    [JsonPropertyName("openAPIV3Schema")]
    public JsonObject? OpenApiV3Schema { get; init; }
}
