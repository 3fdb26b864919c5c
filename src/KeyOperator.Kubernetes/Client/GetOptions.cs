// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes;

/// <summary>Options of a GET of one object.</summary>
public sealed record GetOptions
{
    /// <summary>Unset for a consistent read; <c>0</c> accepts any cached state.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>Subresource to read, such as <c>status</c> or <c>scale</c>.</summary>
    public string? Subresource { get; init; }
}
