// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Patching;
using KeyOperator.ApiMachinery.Resources;
using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Json;
using KeyOperator.ControlPlane.Patching;

namespace KeyOperator.ControlPlane.Api;

/// <summary>Patches (JSON, merge, strategic merge) and server-side apply: computes the patched object and hands it to
/// the update strategy, or to the create strategy when apply meets a missing object. Runs under the storage lock.</summary>
internal sealed class PatchPreparer(CreatePreparer creates, UpdatePreparer updates, ApiClock clock)
{
    /// <summary>Prepares <paramref name="patch"/> against <paramref name="old"/>, the stored object (null when missing).</summary>
    public PreparedWrite Prepare(
        ResourceDescriptor descriptor, string? ns, string name, string? subresource, JsonObject? old, string patchType, JsonNode patch, RequestOptions options)
    {
        if (patchType == PatchTypes.Apply)
        {
            return PrepareApply(descriptor, ns, name, subresource, old, patch, options);
        }

        if (old is null)
        {
            throw ApiErrors.NotFound(descriptor, name);
        }

        var basis = ObjectViews.View(descriptor, old);
        JsonNode? patched = patchType switch
        {
            PatchTypes.Merge => JsonMergePatch.Apply(basis, patch),
            PatchTypes.Json => JsonPatch.Apply(basis, patch as JsonArray ?? throw ApiErrors.BadRequest("json patch must be an array of operations")),
            PatchTypes.Strategic => StrategicMerge(descriptor, basis, patch),
            _ => throw ApiErrors.UnsupportedMediaType($"the body of the request was in an unknown format - accepted media types include: {PatchTypes.Accepted(descriptor)}"),
        };
        if (patched is not JsonObject candidate)
        {
            throw ApiErrors.BadRequest("the patch did not produce an object");
        }

        return updates.Prepare(descriptor, ns, name, subresource, old, candidate.DeepClone().AsObject(), options, isApply: false);
    }

    private static JsonNode? StrategicMerge(ResourceDescriptor descriptor, JsonObject old, JsonNode patch)
    {
        if (!descriptor.BuiltIn)
        {
            throw ApiErrors.UnsupportedMediaType($"the body of the request was in an unknown format - accepted media types include: {PatchTypes.Accepted(descriptor)}");
        }

        try
        {
            return StrategicMergePatch.Apply(old, patch, StrategicMergeMetadata.Kubernetes);
        }
        catch (FormatException ex)
        {
            throw ApiErrors.BadRequest(ex.Message);
        }
    }

    private PreparedWrite PrepareApply(ResourceDescriptor descriptor, string? ns, string name, string? subresource, JsonObject? old, JsonNode patch, RequestOptions options)
    {
        if (!options.FieldManagerGiven)
        {
            throw new ApiException(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch",
                new JsonObject { ["group"] = "meta.k8s.io", ["kind"] = "PatchOptions", ["causes"] = new JsonArray(new FieldError("FieldValueRequired", "fieldManager", "Required value: is required for apply patch").ToCause()) });
        }

        if (patch is not JsonObject applied)
        {
            throw ApiErrors.BadRequest("the apply configuration must be an object");
        }

        if (string.IsNullOrEmpty(applied.GetString("apiVersion")) || string.IsNullOrEmpty(applied.GetString("kind")))
        {
            throw ApiErrors.BadRequest("invalid object type: apiVersion and kind must be set in an apply configuration");
        }

        var appliedName = applied["metadata"].GetString("name");
        if (appliedName is not null && appliedName != name)
        {
            throw ApiErrors.BadRequest($"the name of the object ({appliedName}) does not match the name on the URL ({name})");
        }

        WriteValidation.NormalizeTypeMeta(descriptor, applied);
        var context = clock.Context(descriptor, options, subresource);
        if (old is null)
        {
            if (subresource is not null)
            {
                throw ApiErrors.NotFound(descriptor, name);
            }

            var created = ServerSideApply.Apply(null, applied, context);
            created.Metadata()["name"] = name;
            return creates.Prepare(descriptor, ns, created, options, managedFieldsDone: true);
        }

        var merged = ServerSideApply.Apply(ObjectViews.View(descriptor, old), applied, context);
        return updates.Prepare(descriptor, ns, name, subresource, old, merged, options, isApply: true);
    }
}
