// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Resources;
using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Json;
using KeyOperator.ControlPlane.Patching;

namespace KeyOperator.ControlPlane.Api;

/// <summary>The update strategy, shared by PUT, patches and apply: merges a candidate onto the stored object (system
/// metadata, the status subresource, finalizer and immutability rules, validation, generation and managedFields) and
/// notices a write that changes nothing. Runs under the storage lock.</summary>
internal sealed class UpdatePreparer(ApiClock clock)
{
    private static readonly string[] s_systemMetadata = ["uid", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds"];

    /// <summary>Prepares <paramref name="candidate"/> (a copy the caller owns) as the new state of
    /// <paramref name="stored"/>; <paramref name="isApply"/> when server-side apply already recorded the managedFields.</summary>
    public PreparedWrite Prepare(
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
