// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>core/v1 Secret. Values in <see cref="Data"/> are raw bytes (base64 on the wire).</summary>
public sealed record Secret : IKubernetesObject
{
    /// <inheritdoc />
    public string? ApiVersion { get; init; } = "v1";

    /// <inheritdoc />
    public string? Kind { get; init; } = "Secret";

    /// <inheritdoc />
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>Secret type such as <c>Opaque</c> or <c>kubernetes.io/basic-auth</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The secret data; byte arrays serialize as base64.</summary>
    public IReadOnlyDictionary<string, byte[]>? Data { get; init; }

    /// <summary>Write-only convenience field merged into <see cref="Data"/> by the server.</summary>
    public IReadOnlyDictionary<string, string>? StringData { get; init; }

    /// <summary>When true, data can no longer change.</summary>
    public bool? Immutable { get; init; }
}
