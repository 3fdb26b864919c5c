// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Resources;
using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Json;
using KeyOperator.ControlPlane.Storage;

namespace KeyOperator.ControlPlane.Api;

/// <summary>The write verbs – create (POST), update (PUT) and patch (PATCH, apply included) – each a choice of
/// strategy fed to the <see cref="WritePipeline"/>. The prepare step reads the stored object again on every attempt.</summary>
internal sealed class ObjectWriter(ObjectStore store, WritePipeline pipeline, CreatePreparer creates, UpdatePreparer updates, PatchPreparer patches)
{
    public async Task<JsonObject> CreateAsync(ResourceDescriptor descriptor, string? ns, JsonObject body, RequestOptions options, CancellationToken cancellationToken)
    {
        var (created, _) = await pipeline.WriteAsync(() => creates.Prepare(descriptor, ns, body.DeepClone().AsObject(), options, managedFieldsDone: false), options, cancellationToken)
            .ConfigureAwait(false);
        return created;
    }

    public async Task<JsonObject> UpdateAsync(ResourceDescriptor descriptor, string? ns, string name, string? subresource, JsonObject body, RequestOptions options, CancellationToken cancellationToken)
    {
        var (updated, _) = await pipeline.WriteAsync(
            () =>
            {
                var old = store.Get(StorageKeys.Of(descriptor), ns, name) ?? throw ApiErrors.NotFound(descriptor, name);
                if (!descriptor.BuiltIn && string.IsNullOrEmpty(body["metadata"].GetString("resourceVersion")))
                {
                    // Custom resources do not allow unconditional updates (apiextensions-apiserver customresource strategy).
                    throw ApiErrors.Invalid(descriptor, name, [new FieldError("FieldValueInvalid", "metadata.resourceVersion", "Invalid value: \"\": must be specified for an update")]);
                }

                return updates.Prepare(descriptor, ns, name, subresource, old, body.DeepClone().AsObject(), options, isApply: false);
            },
            options,
            cancellationToken).ConfigureAwait(false);
        return updated;
    }

    /// <summary>Patches an object; apply creates a missing one, hence the Created flag (201 instead of 200).</summary>
    public Task<(JsonObject Object, bool Created)> PatchAsync(
        ResourceDescriptor descriptor, string? ns, string name, string? subresource, string patchType, JsonNode patch, RequestOptions options, CancellationToken cancellationToken)
    {
        return pipeline.WriteAsync(
            () => patches.Prepare(descriptor, ns, name, subresource, store.Get(StorageKeys.Of(descriptor), ns, name), patchType, patch, options),
            options,
            cancellationToken);
    }
}
