// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Informers;

/// <summary>One watch event.</summary>
/// <typeparam name="T">The object type.</typeparam>
/// <param name="Type">The event type.</param>
/// <param name="Object">The object; null for bookmarks.</param>
/// <param name="ResourceVersion">The bookmark's resourceVersion; for other events the object's own version is used.</param>
public sealed record WatchEvent<T>(WatchEventType Type, T? Object, string? ResourceVersion = null)
    where T : class;
