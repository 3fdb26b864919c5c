// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Informers;

/// <summary>Parameters of one WATCH; bookmarks are always requested (allowWatchBookmarks=true).</summary>
/// <param name="ResourceVersion">Version to watch from (the list's or the last event's).</param>
/// <param name="Timeout">Server-side timeout (<c>timeoutSeconds</c>), randomized per watch.</param>
/// <param name="LabelSelector">labelSelector, or null for all objects.</param>
public sealed record WatchRequest(string ResourceVersion, TimeSpan Timeout, string? LabelSelector);
