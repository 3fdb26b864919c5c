// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Json;
using KeyOperator.ControlPlane.Storage;

namespace KeyOperator.ControlPlane.Api;

/// <summary>
/// The owner-reference garbage collector (<c>pkg/controller/garbagecollector</c>): background deletion of dependents
/// whose owners are gone, foreground deletion (dependents first) and orphaning. Each method is one step;
/// <see cref="CollectorLoop"/> repeats them to a fixed point under the storage lock.
/// </summary>
internal sealed class GarbageCollector(ObjectStore store, ObjectDeletion deletion, ObjectRemover remover)
{
    /// <summary>True when every owner of <paramref name="obj"/> is gone and at least one of them was deleted (a
    /// dependent of owners that never existed is kept, as a real cluster keeps it).</summary>
    public bool OwnersGone(JsonObject obj)
    {
        if (obj["metadata"]?["ownerReferences"] is not JsonArray { Count: > 0 } owners)
        {
            return false;
        }

        var uids = owners.Select(o => o.GetString("uid")).Where(u => u is not null).ToList();
        return uids.Count > 0 && uids.All(u => !store.UidExists(u!)) && uids.Any(u => remover.WasRemoved(u!));
    }

    /// <summary>Background deletion: deletes a dependent whose owners are gone. Returns whether it did.</summary>
    public bool CollectDependent(ResourceKey key, JsonObject obj)
    {
        if (!OwnersGone(obj))
        {
            return false;
        }

        deletion.Delete(key, obj, "Background");
        return true;
    }

    /// <summary>Orphan propagation: strips the owner's references from its dependents, then its orphan finalizer.</summary>
    public bool Orphan(ResourceKey key, JsonObject owner, List<(ResourceKey Key, JsonObject Object)> all)
    {
        var uid = owner.Metadata().GetString("uid");
        foreach (var (dependentKey, dependent) in Dependents(uid, all))
        {
            var updated = dependent.DeepClone().AsObject();
            var references = updated.Metadata().GetArray("ownerReferences")!;
            foreach (var reference in references.Where(r => r.GetString("uid") == uid).ToList())
            {
                references.Remove(reference);
            }

            if (references.Count == 0)
            {
                updated.Metadata().Remove("ownerReferences");
            }

            store.Put(dependentKey, updated);
        }

        deletion.RemoveFinalizer(key, owner, ObjectDeletion.OrphanFinalizer);
        return true;
    }

    /// <summary>Foreground propagation: deletes the dependents (in foreground too) and releases the owner once none
    /// with <c>blockOwnerDeletion: true</c> remains.</summary>
    public bool Foreground(ResourceKey key, JsonObject owner, List<(ResourceKey Key, JsonObject Object)> all)
    {
        var uid = owner.Metadata().GetString("uid");
        var dependents = Dependents(uid, all).ToList();
        var changed = false;
        foreach (var (dependentKey, dependent) in dependents.Where(d => d.Object["metadata"]?["deletionTimestamp"] is null))
        {
            deletion.Delete(dependentKey, dependent, "Foreground");
            changed = true;
        }

        var blocking = dependents.Any(d => store.UidExists(d.Object.Metadata().GetString("uid")!)
            && d.Object.Metadata().GetArray("ownerReferences")!.Any(r => r.GetString("uid") == uid && r?["blockOwnerDeletion"]?.GetValueKind() == System.Text.Json.JsonValueKind.True));
        if (blocking)
        {
            return changed;
        }

        deletion.RemoveFinalizer(key, owner, ObjectDeletion.ForegroundFinalizer);
        return true;
    }

    private IEnumerable<(ResourceKey Key, JsonObject Object)> Dependents(string? uid, List<(ResourceKey Key, JsonObject Object)> all) =>
        all.Where(p => p.Object["metadata"]?["ownerReferences"] is JsonArray refs && refs.Any(r => r.GetString("uid") == uid))
            .Select(p => (p.Key, Current: store.Get(p.Key, p.Object["metadata"].GetString("namespace"), p.Object["metadata"].GetString("name")!)))
            .Where(p => p.Current is not null)
            .Select(p => (p.Key, p.Current!))
            .ToList();
}
