// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Patching;
using KeyOperator.ApiMachinery.Resources;
using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Json;
using KeyOperator.ControlPlane.Patching;

namespace KeyOperator.ControlPlane.Api;

/// <summary>Update (PUT) and patch (PATCH), which share the update pipeline.</summary>
internal sealed partial class ObjectService
{
    private static readonly string[] s_systemMetadata = ["uid", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds"];

    public async Task<JsonObject> UpdateAsync(ResourceDescriptor descriptor, string? ns, string name, string? subresource, JsonObject body, RequestOptions options, CancellationToken cancellationToken)
    {
        var (updated, _) = await WriteAsync(
            () =>
            {
                var old = store.Get(StorageKeys.Of(descriptor), ns, name) ?? throw ApiErrors.NotFound(descriptor, name);
                if (!descriptor.BuiltIn && string.IsNullOrEmpty(body["metadata"].GetString("resourceVersion")))
                {
                    // Custom resources do not allow unconditional updates (apiextensions-apiserver customresource strategy).
                    throw ApiErrors.Invalid(descriptor, name, [new FieldError("FieldValueInvalid", "metadata.resourceVersion", "Invalid value: \"\": must be specified for an update")]);
                }

                return PrepareUpdate(descriptor, ns, name, subresource, old, body.DeepClone().AsObject(), options, isApply: false);
            },
            options,
            cancellationToken).ConfigureAwait(false);
        return updated;
    }

    public Task<(JsonObject Object, bool Created)> PatchAsync(
        ResourceDescriptor descriptor, string? ns, string name, string? subresource, string patchType, JsonNode patch, RequestOptions options, CancellationToken cancellationToken)
    {
        return WriteAsync(
            () =>
            {
                var old = store.Get(StorageKeys.Of(descriptor), ns, name);
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

                return PrepareUpdate(descriptor, ns, name, subresource, old, candidate.DeepClone().AsObject(), options, isApply: false);
            },
            options,
            cancellationToken);
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
            return PrepareCreate(descriptor, ns, created, options, managedFieldsDone: true);
        }

        var merged = ServerSideApply.Apply(ObjectViews.View(descriptor, old), applied, context);
        return PrepareUpdate(descriptor, ns, name, subresource, old, merged, options, isApply: true);
    }

    private PreparedWrite PrepareUpdate(
        ResourceDescriptor descriptor, string? ns, string name, string? subresource, JsonObject stored, JsonObject candidate, RequestOptions options, bool isApply)
    {
        var old = ObjectViews.View(descriptor, stored);
        WriteValidation.NormalizeTypeMeta(descriptor, candidate);
        var metadata = candidate.Metadata();
        var bodyName = metadata.GetString("name");
        if (!string.IsNullOrEmpty(bodyName) && bodyName != name)
        {
            throw ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        WriteValidation.ApplyNamespace(descriptor, candidate, ns);
        metadata["name"] = name;
        var oldMetadata = old.Metadata();
        var requestedVersion = metadata.GetString("resourceVersion");
        if (!string.IsNullOrEmpty(requestedVersion) && requestedVersion != oldMetadata.GetString("resourceVersion"))
        {
            throw ApiErrors.StaleResourceVersion(descriptor, name);
        }

        foreach (var field in s_systemMetadata)
        {
            metadata.Remove(field);
            if (oldMetadata[field] is { } value)
            {
                metadata[field] = value.DeepClone();
            }
        }

        metadata["resourceVersion"] = oldMetadata.GetString("resourceVersion");
        if (subresource == "status")
        {
            var statusOnly = old.DeepClone().AsObject();
            if (candidate["status"] is { } status)
            {
                statusOnly["status"] = status.DeepClone();
            }
            else
            {
                statusOnly.Remove("status");
            }

            if (isApply)
            {
                statusOnly.Metadata()["managedFields"] = metadata["managedFields"]?.DeepClone();
            }

            candidate = statusOnly;
            metadata = candidate.Metadata();
        }
        else if (descriptor.HasStatusSubresource)
        {
            candidate.Remove("status");
            if (old["status"] is { } oldStatus)
            {
                candidate["status"] = oldStatus.DeepClone();
            }
        }

        KindMutations.Apply(descriptor.Group, descriptor.Plural, candidate, old, clock.Now());
        var errors = new List<FieldError>();
        if (oldMetadata["deletionTimestamp"] is not null)
        {
            var added = metadata.GetArray("finalizers").Strings().Except(oldMetadata.GetArray("finalizers").Strings()).ToList();
            if (added.Count > 0)
            {
                errors.Add(new FieldError("FieldValueForbidden", "metadata.finalizers",
                    $"Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{{{string.Join(", ", added.Select(a => "\"" + a + "\""))}}}"));
            }
        }

        if (IsImmutable(descriptor, old))
        {
            foreach (var field in new[] { "data", "binaryData", "stringData" })
            {
                if (!JsonNode.DeepEquals(old[field], candidate[field]))
                {
                    errors.Add(new FieldError("FieldValueForbidden", field, "Forbidden: field is immutable when `immutable` is set"));
                }
            }

            if (candidate["immutable"]?.GetValueKind() != System.Text.Json.JsonValueKind.True)
            {
                errors.Add(new FieldError("FieldValueForbidden", "immutable", "Forbidden: field is immutable when `immutable` is set"));
            }
        }

        WriteValidation.ValidateObject(descriptor, candidate, name, options, errors);
        if (SpecChanged(descriptor, old, candidate))
        {
            metadata["generation"] = (oldMetadata["generation"].AsLong() ?? 1) + 1;
        }

        if (!isApply)
        {
            ManagedFields.RecordUpdate(old, candidate, clock.Context(descriptor, options, subresource));
        }

        var noOp = JsonNode.DeepEquals(candidate, old);
        return new PreparedWrite
        {
            Descriptor = descriptor,
            Key = StorageKeys.Of(descriptor),
            Namespace = descriptor.Namespaced ? ns : null,
            Name = name,
            Old = stored,
            Candidate = candidate,
            Subresource = subresource,
            NoOp = noOp,
        };
    }

    private static bool IsImmutable(ResourceDescriptor descriptor, JsonObject old) =>
        descriptor.BuiltIn && descriptor.Group.Length == 0 && descriptor.Plural is "secrets" or "configmaps"
        && old["immutable"]?.GetValueKind() == System.Text.Json.JsonValueKind.True;

    /// <summary>True when anything outside metadata (and outside status when it is a subresource) changed: the rule
    /// for bumping <c>metadata.generation</c>.</summary>
    private static bool SpecChanged(ResourceDescriptor descriptor, JsonObject old, JsonObject candidate)
    {
        var names = old.Select(p => p.Key).Union(candidate.Select(p => p.Key))
            .Where(n => n is not ("metadata" or "apiVersion" or "kind") && !(n == "status" && descriptor.HasStatusSubresource));
        return names.Any(n => !JsonNode.DeepEquals(old[n], candidate[n]));
    }
}
