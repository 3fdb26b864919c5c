// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;

namespace KeyOperator.ControlPlane.Storage;

/// <summary>An event ready to be written to one watch stream.</summary>
/// <param name="Type">ADDED, MODIFIED, DELETED or ERROR.</param>
/// <param name="Object">The object (or Status for ERROR); a shared snapshot, never mutate it.</param>
/// <param name="ResourceVersion">The event's resourceVersion (0 for ERROR).</param>
internal sealed record WatchItem(string Type, JsonObject Object, long ResourceVersion);
