// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Crds;
using KeyOperator.ControlPlane.Json;
using KeyOperator.ControlPlane.Resources;
using KeyOperator.ControlPlane.Storage;

namespace KeyOperator.ControlPlane.Api;

/// <summary>
/// Runs the controllers a real cluster runs after deletes – the namespace controller, the CRD cleanup finalizer and
/// the garbage collector – synchronously to a fixed point, inside the request that caused the work and under its
/// storage lock. Synchronous on purpose: tests see a settled state when the request returns.
/// </summary>
internal sealed class CollectorLoop(ObjectStore store, NamespaceFinalizer namespaces, CrdCleanupFinalizer crds, GarbageCollector garbage)
{
    private const int MaxPasses = 1000;

    /// <summary>Runs the collectors after a request stored <paramref name="stored"/> over <paramref name="old"/>,
    /// if that write can give them work.</summary>
    public void RunAfterStore(JsonObject? old, JsonObject stored)
    {
        // The collectors scan every stored object, so they run only when this write can give them work: an object
        // that is being deleted (finalizers, foreground/orphan, namespace and CRD cleanup) or a dependent whose owner
        // is already gone. Running them after every write made bulk creation quadratic.
        if (stored["metadata"]?["deletionTimestamp"] is not null || old?["metadata"]?["deletionTimestamp"] is not null || garbage.OwnersGone(stored))
        {
            Run();
        }
    }

    /// <summary>Runs the collectors until a pass changes nothing.</summary>
    public void Run()
    {
        for (var pass = 0; pass < MaxPasses && RunOnce(); pass++)
        {
        }
    }

    private bool RunOnce()
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
                changed |= namespaces.Sync(key, obj);
            }
            else if (deleting && finalizers.Contains(CrdDefinition.CleanupFinalizer) && key == StorageKeys.Of(BuiltInResources.CustomResourceDefinitions))
            {
                changed |= crds.Sync(key, obj);
            }
            else if (deleting && finalizers.Contains(ObjectDeletion.OrphanFinalizer))
            {
                changed |= garbage.Orphan(key, obj, all);
            }
            else if (deleting && finalizers.Contains(ObjectDeletion.ForegroundFinalizer))
            {
                changed |= garbage.Foreground(key, obj, all);
            }
            else if (!deleting && garbage.CollectDependent(key, obj))
            {
                changed = true;
            }
        }

        return changed;
    }
}
