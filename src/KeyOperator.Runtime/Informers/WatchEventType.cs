// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Informers;

/// <summary>The type of a watch event. ERROR events are not represented: the source turns them into exceptions.</summary>
public enum WatchEventType
{
    /// <summary>ADDED.</summary>
    Added,

    /// <summary>MODIFIED.</summary>
    Modified,

    /// <summary>DELETED (the object is its last state).</summary>
    Deleted,

    /// <summary>BOOKMARK: only the resourceVersion is meaningful.</summary>
    Bookmark,
}
