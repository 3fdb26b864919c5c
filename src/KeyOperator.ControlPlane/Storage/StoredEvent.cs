// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;

namespace KeyOperator.ControlPlane.Storage;

/// <summary>One change recorded in the watch history. Objects are immutable snapshots: never mutate them.</summary>
/// <param name="ResourceVersion">The global resourceVersion the change produced.</param>
/// <param name="Type">ADDED, MODIFIED or DELETED.</param>
/// <param name="Key">Which resource (group and plural) the object belongs to.</param>
/// <param name="Object">The object after the change (its last state for DELETED).</param>
/// <param name="Previous">The object before the change, or null for ADDED.</param>
internal sealed record StoredEvent(long ResourceVersion, string Type, ResourceKey Key, JsonObject Object, JsonObject? Previous)
{
    public string? Namespace => Object["metadata"]?["namespace"]?.GetValue<string>();
}
