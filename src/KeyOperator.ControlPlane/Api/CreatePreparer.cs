// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography;
using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Resources;
using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Json;
using KeyOperator.ControlPlane.Patching;
using KeyOperator.ControlPlane.Storage;

namespace KeyOperator.ControlPlane.Api;

/// <summary>The create strategy: turns a request body into the object to store (name, namespace, system metadata,
/// kind defaults, schema validation and managedFields). Runs under the storage lock.</summary>
internal sealed class CreatePreparer(ObjectStore store, NamespaceLifecycle namespaces, ApiClock clock)
{
    private const string NameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>Prepares <paramref name="candidate"/> (a copy the caller owns); <paramref name="managedFieldsDone"/>
    /// when server-side apply already recorded the managedFields.</summary>
    public PreparedWrite Prepare(ResourceDescriptor descriptor, string? ns, JsonObject candidate, RequestOptions options, bool managedFieldsDone)
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

    private static string GenerateName(string prefix)
    {
        Span<char> suffix = stackalloc char[5];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = NameAlphabet[RandomNumberGenerator.GetInt32(NameAlphabet.Length)];
        }

        return prefix + new string(suffix);
    }
}
