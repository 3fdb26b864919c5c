// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Json;
using KeyOperator.ControlPlane.Resources;
using KeyOperator.ControlPlane.Storage;

namespace KeyOperator.ControlPlane.Api;

/// <summary>The namespace controller's deletion: a terminating namespace deletes its contents, then empties
/// <c>spec.finalizers</c> and goes once nothing is left in it.</summary>
internal sealed class NamespaceFinalizer(ObjectStore store, ObjectDeletion deletion, ObjectRemover remover)
{
    /// <summary>True when <paramref name="obj"/> is a namespace still held by <c>spec.finalizers</c>: removing its
    /// last metadata finalizer must not remove it, the namespace controller does that.</summary>
    public static bool HasSpecFinalizers(ResourceKey key, JsonObject obj) =>
        key == StorageKeys.Of(BuiltInResources.Namespaces) && obj["spec"]?["finalizers"] is JsonArray { Count: > 0 };

    /// <summary>One step for a terminating namespace. Returns whether anything changed.</summary>
    public bool Sync(ResourceKey key, JsonObject ns)
    {
        var name = ns.Metadata().GetString("name");
        var contents = store.ListAll().Where(p => p.Object["metadata"].GetString("namespace") == name).ToList();
        var changed = false;
        foreach (var (contentKey, content) in contents)
        {
            if (content["metadata"]?["deletionTimestamp"] is null)
            {
                deletion.Delete(contentKey, content, "Background");
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
            remover.Remove(key, ns);
        }

        return true;
    }
}
