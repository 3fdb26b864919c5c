// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Kubernetes;

/// <summary>The query of one LIST or WATCH, handed to the library's list operation of a resource.</summary>
/// <param name="LabelSelector">labelSelector, or null.</param>
/// <param name="Limit">Page size of a LIST.</param>
/// <param name="Continue">Continue token of the next page.</param>
/// <param name="ResourceVersion">Version to list at or watch from.</param>
/// <param name="Watch">True for a WATCH.</param>
/// <param name="TimeoutSeconds">Server-side timeout of a WATCH.</param>
/// <param name="AllowWatchBookmarks">Whether the server may send BOOKMARK events.</param>
public sealed record ListWatchCall(
    string? LabelSelector,
    int? Limit,
    string? Continue,
    string? ResourceVersion,
    bool Watch,
    int? TimeoutSeconds,
    bool? AllowWatchBookmarks);
