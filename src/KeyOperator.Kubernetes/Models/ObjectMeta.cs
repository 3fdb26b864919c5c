// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json;

namespace KeyOperator.Kubernetes.Models;

/// <summary>
/// meta/v1 ObjectMeta. Immutable: change an object with <c>with</c> expressions, so a cached copy can never be
/// altered by a reconciler that holds it.
/// </summary>
public sealed record ObjectMeta
{
    /// <summary>Unique name within the namespace (or cluster, for cluster-scoped kinds).</summary>
    public string? Name { get; init; }

    /// <summary>Prefix from which the server generates a unique name when <see cref="Name"/> is empty.</summary>
    public string? GenerateName { get; init; }

    /// <summary>Namespace of a namespaced object; null for cluster-scoped ones.</summary>
    public string? Namespace { get; init; }

    /// <summary>Server-assigned identity; an object recreated under the same name gets a new one.</summary>
    public string? Uid { get; init; }

    /// <summary>Opaque version used for optimistic concurrency and for resuming watches.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>Incremented by the server on every change of the desired state (not of metadata or status).</summary>
    public long? Generation { get; init; }

    /// <summary>When the server created the object.</summary>
    public DateTimeOffset? CreationTimestamp { get; init; }

    /// <summary>Set when deletion was requested while finalizers still hold the object.</summary>
    public DateTimeOffset? DeletionTimestamp { get; init; }

    /// <summary>Grace period granted at deletion, in seconds.</summary>
    public long? DeletionGracePeriodSeconds { get; init; }

    /// <summary>Identifying labels, used by selectors.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>Non-identifying annotations.</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>Owners of this object, for garbage collection.</summary>
    public IReadOnlyList<OwnerReference>? OwnerReferences { get; init; }

    /// <summary>Keys that must be removed before a deleting object disappears.</summary>
    public IReadOnlyList<string>? Finalizers { get; init; }

    /// <summary>Server-side apply field ownership, kept opaque so that it round-trips unchanged.</summary>
    public IReadOnlyList<JsonElement>? ManagedFields { get; init; }
}
