// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>Type of a watch event (apimachinery <c>pkg/watch/watch.go</c>). <c>ERROR</c> events surface as exceptions.</summary>
public enum WatchEventType
{
    /// <summary>The object was created, or existed when the watch started without a resourceVersion.</summary>
    Added,

    /// <summary>The object changed.</summary>
    Modified,

    /// <summary>The object was deleted; the event carries its last state.</summary>
    Deleted,

    /// <summary>No change: only <c>metadata.resourceVersion</c> is meaningful; record it to resume from.</summary>
    Bookmark,
}
