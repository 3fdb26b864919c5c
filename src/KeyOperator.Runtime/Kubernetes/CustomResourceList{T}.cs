// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Serialization;
using k8s.Models;

namespace KeyOperator.Runtime.Kubernetes;

/// <summary>A list of one of our kinds, as the API server returns it; serialized with the kind's own JSON context.</summary>
/// <typeparam name="T">The kind.</typeparam>
public sealed record CustomResourceList<T>
{
    /// <summary>List metadata: the resourceVersion to watch from and the continue token.</summary>
    [JsonPropertyName("metadata")]
    public V1ListMeta? Metadata { get; init; }

    /// <summary>The objects.</summary>
    [JsonPropertyName("items")]
    public IReadOnlyList<T>? Items { get; init; }
}
