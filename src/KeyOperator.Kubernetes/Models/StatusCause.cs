// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>meta/v1 StatusCause: one reason a request failed, usually naming a field path.</summary>
public sealed record StatusCause
{
    /// <summary>Machine-readable reason such as <c>FieldValueRequired</c>.</summary>
    public string? Reason { get; init; }

    /// <summary>Human-readable description of this cause.</summary>
    public string? Message { get; init; }

    /// <summary>Field path such as <c>spec.token.entropyBits</c>.</summary>
    public string? Field { get; init; }
}
