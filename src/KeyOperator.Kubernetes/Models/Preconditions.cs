// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>meta/v1 Preconditions of a delete.</summary>
public sealed record Preconditions
{
    /// <summary>Required uid: protects against deleting a recreated object of the same name.</summary>
    public string? Uid { get; init; }

    /// <summary>Required resourceVersion: protects against deleting a changed object.</summary>
    public string? ResourceVersion { get; init; }
}
