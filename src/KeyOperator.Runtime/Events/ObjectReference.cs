// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Events;

/// <summary>The object an event is about (events.k8s.io/v1 Event.regarding).</summary>
/// <param name="ApiVersion">The object's apiVersion.</param>
/// <param name="Kind">The object's kind.</param>
/// <param name="Namespace">The object's namespace (also the event's), or null for cluster-scoped objects.</param>
/// <param name="Name">The object's name.</param>
/// <param name="Uid">The object's uid.</param>
public sealed record ObjectReference(string ApiVersion, string Kind, string? Namespace, string Name, string? Uid);
