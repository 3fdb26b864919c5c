// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Crds;
using KeyOperator.ControlPlane.Json;
using KeyOperator.ControlPlane.Resources;
using KeyOperator.ControlPlane.Storage;

namespace KeyOperator.ControlPlane.Api;

/// <summary>
/// The controllers a real cluster runs after deletes, run synchronously to a fixed point after every write: the garbage
/// collector (<c>pkg/controller/garbagecollector</c>: background, foreground and orphan), the namespace controller and
/// the CRD cleanup finalizer. Synchronous on purpose: tests see a settled state when the request returns.
/// </summary>
internal sealed partial class ObjectService
{
    private const int MaxCollectPasses = 1000;

    private readonly HashSet<string> _deletedUids = new(StringComparer.Ordinal);

    private void Collect()
    {
        for (var pass = 0; pass < MaxCollectPasses && CollectOnce(); pass++)
        {
        }
    }

    private bool CollectOnce()
    {
        var changed = false;
        var all = store.ListAll().ToList();
        foreach (var (key, obj) in all)
        {
            // Skip objects already replaced or removed earlier in this pass.
            var metadata = obj.Metadata();
            if (!ReferenceEquals(store.Get(key, metadata.GetString("namespace"), metadata.GetString("name")!), obj))
            {
                continue;
            }

            var deleting = metadata["deletionTimestamp"] is not null;
            var finalizers = metadata.GetArray("finalizers").Strings().ToList();
            if (deleting && key == StorageKeys.Of(BuiltInResources.Namespaces))
            {
                changed |= FinalizeNamespace(key, obj);
            }
            else if (deleting && finalizers.Contains(CrdDefinition.CleanupFinalizer) && key == StorageKeys.Of(BuiltInResources.CustomResourceDefinitions))
            {
                changed |= CleanUpCrd(key, obj);
            }
            else if (deleting && finalizers.Contains(OrphanFinalizer))
            {
                changed |= Orphan(key, obj, all);
            }
            else if (deleting && finalizers.Contains(ForegroundFinalizer))
            {
                changed |= Foreground(key, obj, all);
            }
            else if (!deleting && OwnersGone(obj))
            {
                DeleteUnlocked(key, obj, "Background");
                changed = true;
            }
        }

        return changed;
    }

    private bool OwnersGone(JsonObject obj)
    {
        if (obj["metadata"]?["ownerReferences"] is not JsonArray { Count: > 0 } owners)
        {
            return false;
        }

        var uids = owners.Select(o => o.GetString("uid")).Where(u => u is not null).ToList();
        return uids.Count > 0 && uids.All(u => !store.UidExists(u!)) && uids.Any(u => _deletedUids.Contains(u!));
    }

    private bool FinalizeNamespace(ResourceKey key, JsonObject ns)
    {
        var name = ns.Metadata().GetString("name");
        var contents = store.ListAll().Where(p => p.Object["metadata"].GetString("namespace") == name).ToList();
        var changed = false;
        foreach (var (contentKey, content) in contents)
        {
            if (content["metadata"]?["deletionTimestamp"] is null)
            {
                DeleteUnlocked(contentKey, content, "Background");
                changed = true;
            }
        }

        if (contents.Count > 0)
        {
            return changed;
        }

        if (ns["spec"]?["finalizers"] is JsonArray { Count: > 0 })
        {
            var updated = ns.DeepClone().AsObject();
            updated["spec"]!.AsObject()["finalizers"] = new JsonArray();
            ns = store.Put(key, updated);
        }

        if (!ns.Metadata().GetArray("finalizers").Strings().Any())
        {
            RemoveObject(key, ns);
        }

        return true;
    }

    private bool CleanUpCrd(ResourceKey key, JsonObject crd)
    {
        var spec = crd.GetObject("spec");
        var crKey = new ResourceKey(spec.GetString("group") ?? string.Empty, spec.GetObject("names").GetString("plural") ?? string.Empty);
        var remaining = store.List(crKey, null).ToList();
        foreach (var cr in remaining.Where(cr => cr["metadata"]?["deletionTimestamp"] is null))
        {
            DeleteUnlocked(crKey, cr, "Background");
        }

        if (store.List(crKey, null).Any())
        {
            return remaining.Any(cr => cr["metadata"]?["deletionTimestamp"] is null);
        }

        RemoveFinalizer(key, crd, CrdDefinition.CleanupFinalizer);
        return true;
    }

    private bool Orphan(ResourceKey key, JsonObject owner, List<(ResourceKey Key, JsonObject Object)> all)
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

        RemoveFinalizer(key, owner, OrphanFinalizer);
        return true;
    }

    private bool Foreground(ResourceKey key, JsonObject owner, List<(ResourceKey Key, JsonObject Object)> all)
    {
        var uid = owner.Metadata().GetString("uid");
        var dependents = Dependents(uid, all).ToList();
        var changed = false;
        foreach (var (dependentKey, dependent) in dependents.Where(d => d.Object["metadata"]?["deletionTimestamp"] is null))
        {
            DeleteUnlocked(dependentKey, dependent, "Foreground");
            changed = true;
        }

        var blocking = dependents.Any(d => store.UidExists(d.Object.Metadata().GetString("uid")!)
            && d.Object.Metadata().GetArray("ownerReferences")!.Any(r => r.GetString("uid") == uid && r?["blockOwnerDeletion"]?.GetValueKind() == System.Text.Json.JsonValueKind.True));
        if (blocking)
        {
            return changed;
        }

        RemoveFinalizer(key, owner, ForegroundFinalizer);
        return true;
    }

    private IEnumerable<(ResourceKey Key, JsonObject Object)> Dependents(string? uid, List<(ResourceKey Key, JsonObject Object)> all) =>
        all.Where(p => p.Object["metadata"]?["ownerReferences"] is JsonArray refs && refs.Any(r => r.GetString("uid") == uid))
            .Select(p => (p.Key, Current: store.Get(p.Key, p.Object["metadata"].GetString("namespace"), p.Object["metadata"].GetString("name")!)))
            .Where(p => p.Current is not null)
            .Select(p => (p.Key, p.Current!))
            .ToList();

    private void RemoveFinalizer(ResourceKey key, JsonObject obj, string finalizer)
    {
        var updated = obj.DeepClone().AsObject();
        var finalizers = updated.Metadata().GetArray("finalizers");
        foreach (var item in finalizers?.Where(f => f.AsString() == finalizer).ToList() ?? [])
        {
            finalizers!.Remove(item);
        }

        if (finalizers is { Count: 0 })
        {
            updated.Metadata().Remove("finalizers");
            RemoveObject(key, obj, updated);
        }
        else
        {
            store.Put(key, updated);
        }
    }
}
