// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Resources;
using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Hooks;

namespace KeyOperator.ControlPlane.Api;

/// <summary>DELETE admission: validating hooks see the object about to be deleted before the delete is carried out.</summary>
internal sealed partial class ObjectService
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

            foreach (var validator in admission)
            {
                await validator.ValidateAsync(
                    new AdmissionRequest
                    {
                        Descriptor = descriptor,
                        Operation = "DELETE",
                        OldObject = current,
                        Namespace = ns,
                        Name = name,
                        DryRun = options.DryRun,
                        Warnings = warnings,
                    },
                    cancellationToken).ConfigureAwait(false);
            }

            lock (store.Sync)
            {
                // Admission ran outside the lock; if the object changed meanwhile, admit the new state instead.
                if (!ReferenceEquals(store.Get(key, ns, name), current) && attempt < MaxWriteAttempts)
                {
                    continue;
                }

                return Delete(descriptor, ns, name, options);
            }
        }
    }
}
