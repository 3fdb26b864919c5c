// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Resources;
using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Json;
using KeyOperator.ControlPlane.Patching;

namespace KeyOperator.ControlPlane.Api;

/// <summary>Create (POST, and apply to a missing object).</summary>
internal sealed partial class ObjectService
{
    public async Task<JsonObject> CreateAsync(ResourceDescriptor descriptor, string? ns, JsonObject body, RequestOptions options, CancellationToken cancellationToken)
    {
        var (created, _) = await WriteAsync(() => PrepareCreate(descriptor, ns, body.DeepClone().AsObject(), options, managedFieldsDone: false), options, cancellationToken)
            .ConfigureAwait(false);
        return created;
    }

    private PreparedWrite PrepareCreate(ResourceDescriptor descriptor, string? ns, JsonObject candidate, RequestOptions options, bool managedFieldsDone)
    {
        WriteValidation.NormalizeTypeMeta(descriptor, candidate);
        WriteValidation.ApplyNamespace(descriptor, candidate, ns);
        var metadata = candidate.Metadata();
        var errors = new List<FieldError>();
        var name = metadata.GetString("name");
        if (string.IsNullOrEmpty(name))
        {
            var prefix = metadata.GetString("generateName");
            if (string.IsNullOrEmpty(prefix))
            {
                throw ApiErrors.Invalid(descriptor, string.Empty, [new FieldError("FieldValueRequired", "metadata.name", "Required value: name or generateName is required")]);
            }

            name = GenerateName(prefix);
            metadata["name"] = name;
        }

        errors.AddRange(WriteValidation.ValidateName(descriptor, name));
        if (descriptor.Namespaced && store.Get(StorageKeys.Of(descriptor), ns, name) is not null)
        {
            throw ApiErrors.AlreadyExists(descriptor, name);
        }

        if (!descriptor.Namespaced && store.Get(StorageKeys.Of(descriptor), null, name) is not null)
        {
            throw ApiErrors.AlreadyExists(descriptor, name);
        }

        if (ns is not null)
        {
            namespaces.EnsureWritable(descriptor, ns, name);
        }

        var now = clock.Now();
        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = now;
        metadata["generation"] = 1;
        foreach (var field in new[] { "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink" })
        {
            metadata.Remove(field);
        }

        if (descriptor.HasStatusSubresource)
        {
            candidate.Remove("status");
        }

        KindMutations.Apply(descriptor.Group, descriptor.Plural, candidate, null, now);
        WriteValidation.ValidateObject(descriptor, candidate, name, options, errors);
        if (!managedFieldsDone)
        {
            metadata.Remove("managedFields");
            ManagedFields.RecordUpdate(null, candidate, clock.Context(descriptor, options, null));
        }

        return new PreparedWrite { Descriptor = descriptor, Key = StorageKeys.Of(descriptor), Namespace = descriptor.Namespaced ? ns : null, Name = name, Candidate = candidate };
    }
}
