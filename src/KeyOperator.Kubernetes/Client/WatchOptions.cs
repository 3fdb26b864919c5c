// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes;

/// <summary>Options of a WATCH.</summary>
public sealed record WatchOptions
{
    /// <summary>Label selector.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>Field selector.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>
    /// Deliver changes strictly after this version (usually the version of the preceding list, or of the last event
    /// seen). Unset: synthetic ADDED events for every existing object first. A compacted version fails with
    /// <see cref="Errors.ResourceExpiredException"/>.
    /// </summary>
    public string? ResourceVersion { get; init; }

    /// <summary><c>NotOlderThan</c>; required with <see cref="SendInitialEvents"/>.</summary>
    public string? ResourceVersionMatch { get; init; }

    /// <summary>Ask for BOOKMARK events (on by default; servers may still send none).</summary>
    public bool AllowWatchBookmarks { get; init; } = true;

    /// <summary>Server ends the watch (cleanly) after this many seconds; client-go's reflector picks 5–10 minutes.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>Streaming list: synthetic ADDED events, then a BOOKMARK annotated <c>k8s.io/initial-events-end</c>.</summary>
    public bool? SendInitialEvents { get; init; }
}
