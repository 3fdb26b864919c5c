// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Resources;
using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Json;
using KeyOperator.ControlPlane.Resources;
using KeyOperator.ControlPlane.Storage;

namespace KeyOperator.ControlPlane.Api;

/// <summary>Delete and delete-collection, with finalizers and propagation policies.</summary>
internal sealed partial class ObjectService
{
    public JsonObject Delete(ResourceDescriptor descriptor, string? ns, string name, DeleteOptions options)
    {
        lock (store.Sync)
        {
            var key = StorageKeys.Of(descriptor);
            var current = store.Get(key, ns, name) ?? throw ApiErrors.NotFound(descriptor, name);
            NamespaceLifecycle.EnsureDeletable(descriptor, name);

            var metadata = current.Metadata();
            if (options.PreconditionUid is { } uid && uid != metadata.GetString("uid"))
            {
                throw ApiErrors.Conflict(descriptor, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {metadata.GetString("uid")}");
            }

            if (options.PreconditionResourceVersion is { } rv && rv != metadata.GetString("resourceVersion"))
            {
                throw ApiErrors.Conflict(descriptor, name, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {metadata.GetString("resourceVersion")}");
            }

            if (options.PropagationPolicy is not ("Background" or "Foreground" or "Orphan"))
            {
                throw ApiErrors.Invalid("meta.k8s.io", "DeleteOptions", string.Empty,
                    [new FieldError("FieldValueNotSupported", "propagationPolicy", $"Unsupported value: \"{options.PropagationPolicy}\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"")]);
            }

            if (options.DryRun)
            {
                return current;
            }

            var result = deletion.Delete(key, current, options.PropagationPolicy);
            collectors.Run();
            return result;
        }
    }

    public JsonObject DeleteCollection(ResourceDescriptor descriptor, string? ns, ListOptions listOptions, DeleteOptions options)
    {
        lock (store.Sync)
        {
            var key = StorageKeys.Of(descriptor);
            var items = new JsonArray();
            foreach (var obj in store.List(key, ns).Where(o => listOptions.LabelSelector.Matches(o) && listOptions.FieldSelector.Matches(o)).ToList())
            {
                items.Add(options.DryRun ? obj.DeepClone() : deletion.Delete(key, obj, options.PropagationPolicy).DeepClone());
            }

            collectors.Run();
            return new JsonObject
            {
                ["kind"] = descriptor.ListKind,
                ["apiVersion"] = descriptor.GroupVersion,
                ["metadata"] = new JsonObject { ["resourceVersion"] = store.CurrentResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                ["items"] = items,
            };
        }
    }
}
