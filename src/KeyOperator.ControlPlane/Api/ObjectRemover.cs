// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Json;
using KeyOperator.ControlPlane.Resources;
using KeyOperator.ControlPlane.Storage;

namespace KeyOperator.ControlPlane.Api;

/// <summary>
/// Takes objects out of storage for good. It remembers the uid of everything it removed, because background
/// collection deletes a dependent only when one of its owners was really deleted (an owner that never existed does
/// not count), and a removed CRD takes its custom resources and its served resources with it. Callers hold the
/// storage lock, which also guards the remembered uids.
/// </summary>
internal sealed class ObjectRemover(ObjectStore store, CrdRegistrar crds)
{
    private readonly HashSet<string> _removedUids = new(StringComparer.Ordinal);

    public bool WasRemoved(string uid) => _removedUids.Contains(uid);

    /// <summary>Removes <paramref name="obj"/>; the DELETED event carries <paramref name="finalState"/> when given.
    /// Returns the final state, or null when the object was no longer stored.</summary>
    public JsonObject? Remove(ResourceKey key, JsonObject obj, JsonObject? finalState = null)
    {
        var metadata = obj.Metadata();
        var final = store.Remove(key, metadata.GetString("namespace"), metadata.GetString("name")!, finalState);
        if (final is null)
        {
            return null;
        }

        if (metadata.GetString("uid") is { } uid)
        {
            _removedUids.Add(uid);
        }

        if (key == StorageKeys.Of(BuiltInResources.CustomResourceDefinitions) && obj.GetObject("spec") is { } spec
            && spec.GetString("group") is { } group && spec.GetObject("names")?.GetString("plural") is { } plural)
        {
            var crKey = new ResourceKey(group, plural);
            foreach (var cr in store.List(crKey, null).ToList())
            {
                Remove(crKey, cr);
            }

            crds.OnRemoved(group, plural);
        }

        return final;
    }
}
