// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>meta/v1 ListMeta: the version a list was read at, and the token for its next page.</summary>
public sealed record ListMeta
{
    /// <summary>Version to start a watch from, so that no change after the list is missed.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>Token for the next page; empty when this is the last one.</summary>
    public string? Continue { get; init; }

    /// <summary>How many items remain after this page, when the server can tell.</summary>
    public long? RemainingItemCount { get; init; }
}
