// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>
/// meta/v1 PartialObjectMetadata: an object reduced to its metadata, as returned for the
/// <c>application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1</c> media type.
/// </summary>
public sealed record PartialObjectMetadata : IKubernetesObject
{
    /// <inheritdoc />
    public string? ApiVersion { get; init; } = "meta.k8s.io/v1";

    /// <inheritdoc />
    public string? Kind { get; init; } = "PartialObjectMetadata";

    /// <inheritdoc />
    public ObjectMeta Metadata { get; init; } = new();
}
