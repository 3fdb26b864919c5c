// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Crds;
using KeyOperator.ControlPlane.Json;
using KeyOperator.ControlPlane.Storage;

namespace KeyOperator.ControlPlane.Api;

/// <summary>The apiextensions-apiserver's <c>customresourcecleanup</c> finalizer: a deleted CRD first deletes its
/// custom resources (honouring their finalizers), then releases its own finalizer.</summary>
internal sealed class CrdCleanupFinalizer(ObjectStore store, ObjectDeletion deletion)
{
    /// <summary>One step for a deleted CRD that still has the cleanup finalizer. Returns whether anything changed.</summary>
    public bool Sync(ResourceKey key, JsonObject crd)
    {
        var spec = crd.GetObject("spec");
        var crKey = new ResourceKey(spec.GetString("group") ?? string.Empty, spec.GetObject("names").GetString("plural") ?? string.Empty);
        var remaining = store.List(crKey, null).ToList();
        foreach (var cr in remaining.Where(cr => cr["metadata"]?["deletionTimestamp"] is null))
        {
            deletion.Delete(crKey, cr, "Background");
        }

        if (store.List(crKey, null).Any())
        {
            return remaining.Any(cr => cr["metadata"]?["deletionTimestamp"] is null);
        }

        deletion.RemoveFinalizer(key, crd, CrdDefinition.CleanupFinalizer);
        return true;
    }
}
