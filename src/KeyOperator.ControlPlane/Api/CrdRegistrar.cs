// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Crds;
using KeyOperator.ControlPlane.Json;
using KeyOperator.ControlPlane.Resources;
using KeyOperator.ControlPlane.Storage;

namespace KeyOperator.ControlPlane.Api;

/// <summary>Keeps the resources the registry serves in step with the stored CRDs: a stored, valid CRD serves its
/// versions; a removed one stops serving them.</summary>
internal sealed class CrdRegistrar(ResourceRegistry registry)
{
    /// <summary>Called after a request stores an object; only a valid CRD changes what is served.</summary>
    public void OnStored(ResourceKey key, JsonObject obj)
    {
        if (key == StorageKeys.Of(BuiltInResources.CustomResourceDefinitions) && CrdDefinition.Validate(obj).Count == 0)
        {
            var descriptors = CrdDefinition.Descriptors(obj);
            var spec = obj.GetObject("spec")!;
            registry.ReplaceAll(spec.GetString("group")!, spec.GetObject("names")!.GetString("plural")!, descriptors);
        }
    }

    public void OnRemoved(string group, string plural) => registry.Remove(group, plural);
}
