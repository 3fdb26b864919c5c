// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Resources;
using KeyOperator.ControlPlane.Crds;
using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Hooks;
using KeyOperator.ControlPlane.Json;
using KeyOperator.ControlPlane.Patching;
using KeyOperator.ControlPlane.Resources;
using KeyOperator.ControlPlane.Storage;

namespace KeyOperator.ControlPlane.Api;

/// <summary>
/// The registry logic of the control plane: create/update/patch/delete/get/list with the semantics of the apiserver's
/// generic registry store (<c>k8s.io/apiserver/pkg/registry/generic/registry/store.go</c>), plus garbage collection.
/// </summary>
internal sealed partial class ObjectService(ObjectStore store, ResourceRegistry registry, TimeProvider timeProvider, IReadOnlyList<IAdmissionValidator> admission)
{
    private const int MaxWriteAttempts = 5;
    private const string NameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    private string Now() => JsonHelpers.FormatTime(timeProvider.GetUtcNow());

    private WriteContext Context(ResourceDescriptor descriptor, RequestOptions options, string? subresource) => new()
    {
        Descriptor = descriptor,
        FieldManager = options.FieldManager,
        Subresource = subresource,
        Now = Now(),
        Force = options.Force,
    };

    /// <summary>Runs prepare (under the lock), admission (outside it) and commit (under the lock, retrying when the
    /// object changed in between).</summary>
    private async Task<(JsonObject Object, bool Created)> WriteAsync(Func<PreparedWrite> prepare, RequestOptions options, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            PreparedWrite prepared;
            lock (store.Sync)
            {
                prepared = prepare();
            }

            if (prepared.NoOp)
            {
                return (prepared.Old!, false);
            }

            foreach (var validator in admission)
            {
                await validator.ValidateAsync(
                    new AdmissionRequest
                    {
                        Descriptor = prepared.Descriptor,
                        Operation = prepared.Old is null ? "CREATE" : "UPDATE",
                        Object = prepared.Candidate,
                        OldObject = prepared.Old,
                        Subresource = prepared.Subresource,
                        Namespace = prepared.Namespace,
                        Name = prepared.Name,
                        DryRun = options.DryRun,
                        FieldManager = options.FieldManager,
                        Warnings = options.Warnings,
                    },
                    cancellationToken).ConfigureAwait(false);
            }

            lock (store.Sync)
            {
                var current = store.Get(prepared.Key, prepared.Namespace, prepared.Name);
                if (!ReferenceEquals(current, prepared.Old))
                {
                    if (attempt < MaxWriteAttempts)
                    {
                        continue;
                    }

                    throw prepared.Old is null ? ApiErrors.AlreadyExists(prepared.Descriptor, prepared.Name) : ApiErrors.StaleResourceVersion(prepared.Descriptor, prepared.Name);
                }

                return (Commit(prepared, options), prepared.Old is null);
            }
        }
    }

    private JsonObject Commit(PreparedWrite prepared, RequestOptions options)
    {
        if (prepared.Old is null && prepared.Namespace is not null)
        {
            EnsureNamespaceWritable(prepared.Descriptor, prepared.Namespace, prepared.Name);
        }

        if (options.DryRun)
        {
            return prepared.Candidate;
        }

        JsonObject stored;
        var metadata = prepared.Candidate.Metadata();
        if (metadata["deletionTimestamp"] is not null && !metadata.GetArray("finalizers").Strings().Any() && !HasNamespaceFinalizer(prepared.Key, prepared.Candidate))
        {
            // Removing the last finalizer deletes the object in the same step (a single DELETED event).
            stored = RemoveObject(prepared.Key, prepared.Old!, prepared.Candidate) ?? prepared.Candidate;
            Collect();
            return stored;
        }

        stored = store.Put(prepared.Key, prepared.Candidate);
        OnStored(prepared.Key, stored);

        // The collectors scan every stored object, so they run only when this write can give them work: an object
        // that is being deleted (finalizers, foreground/orphan, namespace and CRD cleanup) or a dependent whose owner
        // is already gone. Running them after every write made bulk creation quadratic.
        if (metadata["deletionTimestamp"] is not null || prepared.Old?["metadata"]?["deletionTimestamp"] is not null || OwnersGone(stored))
        {
            Collect();
        }

        return stored;
    }

    private void EnsureNamespaceWritable(ResourceDescriptor descriptor, string ns, string name)
    {
        var nsObject = store.Get(StorageKeys.Of(BuiltInResources.Namespaces), null, ns) ?? throw ApiErrors.NotFound(BuiltInResources.Namespaces, ns);
        if (nsObject["metadata"]?["deletionTimestamp"] is not null)
        {
            throw ApiErrors.NamespaceTerminating(descriptor, name, ns);
        }
    }

    private static bool HasNamespaceFinalizer(ResourceKey key, JsonObject obj) =>
        key == StorageKeys.Of(BuiltInResources.Namespaces) && obj["spec"]?["finalizers"] is JsonArray { Count: > 0 };

    private void OnStored(ResourceKey key, JsonObject obj)
    {
        if (key == StorageKeys.Of(BuiltInResources.CustomResourceDefinitions) && CrdDefinition.Validate(obj).Count == 0)
        {
            var descriptors = CrdDefinition.Descriptors(obj);
            var spec = obj.GetObject("spec")!;
            registry.ReplaceAll(spec.GetString("group")!, spec.GetObject("names")!.GetString("plural")!, descriptors);
        }
    }

    private JsonObject? RemoveObject(ResourceKey key, JsonObject obj, JsonObject? finalState = null)
    {
        var metadata = obj.Metadata();
        var final = store.Remove(key, metadata.GetString("namespace"), metadata.GetString("name")!, finalState);
        if (final is null)
        {
            return null;
        }

        if (metadata.GetString("uid") is { } uid)
        {
            _deletedUids.Add(uid);
        }

        if (key == StorageKeys.Of(BuiltInResources.CustomResourceDefinitions) && obj.GetObject("spec") is { } spec
            && spec.GetString("group") is { } group && spec.GetObject("names")?.GetString("plural") is { } plural)
        {
            var crKey = new ResourceKey(group, plural);
            foreach (var cr in store.List(crKey, null).ToList())
            {
                RemoveObject(crKey, cr);
            }

            registry.Remove(group, plural);
        }

        return final;
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
