// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Json;
using KeyOperator.ControlPlane.Resources;
using KeyOperator.ControlPlane.Storage;

namespace KeyOperator.ControlPlane.Api;

/// <summary>
/// The two steps every deletion is made of, shared by the DELETE verbs and the collectors: starting it (mark the
/// object when something must finish first, otherwise remove it) and releasing a finalizer (which removes the object
/// with the last one). Callers hold the storage lock.
/// </summary>
internal sealed class ObjectDeletion(ObjectStore store, ObjectRemover remover, ApiClock clock)
{
    public const string OrphanFinalizer = "orphan";
    public const string ForegroundFinalizer = "foregroundDeletion";

    /// <summary>Deletes one stored object: marks it (deletionTimestamp plus policy finalizers) when something must
    /// finish first, otherwise removes it. Returns the resulting state.</summary>
    public JsonObject Delete(ResourceKey key, JsonObject current, string policy)
    {
        var metadata = current.Metadata();
        if (metadata["deletionTimestamp"] is not null)
        {
            return current;
        }

        var candidate = current.DeepClone().AsObject();
        var candidateMetadata = candidate.Metadata();
        if (policy == "Orphan")
        {
            KindMutations.AddFinalizer(candidate, OrphanFinalizer);
        }
        else if (policy == "Foreground")
        {
            KindMutations.AddFinalizer(candidate, ForegroundFinalizer);
        }

        var isNamespace = key == StorageKeys.Of(BuiltInResources.Namespaces);
        if (!candidateMetadata.GetArray("finalizers").Strings().Any() && !isNamespace)
        {
            return remover.Remove(key, current) ?? current;
        }

        candidateMetadata["deletionTimestamp"] = clock.Now();
        candidateMetadata["deletionGracePeriodSeconds"] = 0;
        if (isNamespace)
        {
            candidate["status"] = new JsonObject { ["phase"] = "Terminating" };
        }

        return store.Put(key, candidate);
    }

    /// <summary>Drops <paramref name="finalizer"/>; without finalizers left the object goes, with a single DELETED
    /// event carrying the state without it.</summary>
    public void RemoveFinalizer(ResourceKey key, JsonObject obj, string finalizer)
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
            remover.Remove(key, obj, updated);
        }
        else
        {
            store.Put(key, updated);
        }
    }
}
