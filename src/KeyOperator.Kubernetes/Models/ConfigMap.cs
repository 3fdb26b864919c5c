// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>core/v1 ConfigMap.</summary>
public sealed record ConfigMap : IKubernetesObject
{
    /// <inheritdoc />
    public string? ApiVersion { get; init; } = "v1";

    /// <inheritdoc />
    public string? Kind { get; init; } = "ConfigMap";

    /// <inheritdoc />
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>UTF-8 entries.</summary>
    public IReadOnlyDictionary<string, string>? Data { get; init; }

    /// <summary>Binary entries (base64 on the wire).</summary>
    public IReadOnlyDictionary<string, byte[]>? BinaryData { get; init; }

    /// <summary>When true, data can no longer change.</summary>
    public bool? Immutable { get; init; }
}
