// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Resources;
using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Json;
using KeyOperator.ControlPlane.Storage;

namespace KeyOperator.ControlPlane.Api;

/// <summary>
/// The delete verbs: delete (DELETE admission outside the storage lock, then preconditions, propagation policy and dry
/// run under it) and delete-collection (not admitted; see docs/control-plane.md), each followed by the collectors.
/// Finalizers and propagation policies are carried out by <see cref="ObjectDeletion"/>.
/// </summary>
internal sealed class DeletePipeline(ObjectStore store, AdmissionChain admission, ObjectDeletion deletion, CollectorLoop collectors)
{
    /// <summary>Deletes one object after DELETE admission; <paramref name="warnings"/> receives admission warnings.</summary>
    public async Task<JsonObject> DeleteAsync(
        ResourceDescriptor descriptor, string? ns, string name, DeleteOptions options, List<string> warnings, CancellationToken cancellationToken)
    {
        var key = StorageKeys.Of(descriptor);
        for (var attempt = 1; ; attempt++)
        {
            JsonObject current;
            lock (store.Sync)
            {
                current = store.Get(key, ns, name) ?? throw ApiErrors.NotFound(descriptor, name);
            }

            await admission.AdmitDeleteAsync(descriptor, ns, name, current, options, warnings, cancellationToken).ConfigureAwait(false);

            lock (store.Sync)
            {
                // Admission ran outside the lock; if the object changed meanwhile, admit the new state instead.
                if (!ReferenceEquals(store.Get(key, ns, name), current) && attempt < AdmissionChain.MaxAttempts)
                {
                    continue;
                }

                return Delete(descriptor, ns, name, options);
            }
        }
    }

    /// <summary>The delete itself, once admitted. The caller already holds the lock; taking it again (it is
    /// re-entrant) keeps this method safe on its own.</summary>
    private JsonObject Delete(ResourceDescriptor descriptor, string? ns, string name, DeleteOptions options)
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
