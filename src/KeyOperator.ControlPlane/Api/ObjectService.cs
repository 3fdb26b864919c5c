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
internal sealed partial class ObjectService(
    ObjectStore store, ApiClock clock, IReadOnlyList<IAdmissionValidator> admission, NamespaceLifecycle namespaces, ObjectRemover remover, ObjectDeletion deletion, CrdRegistrar crds, CollectorLoop collectors)
{
    private const int MaxWriteAttempts = 5;
    private const string NameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

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
            namespaces.EnsureWritable(prepared.Descriptor, prepared.Namespace, prepared.Name);
        }

        if (options.DryRun)
        {
            return prepared.Candidate;
        }

        JsonObject stored;
        var metadata = prepared.Candidate.Metadata();
        if (metadata["deletionTimestamp"] is not null && !metadata.GetArray("finalizers").Strings().Any() && !NamespaceFinalizer.HasSpecFinalizers(prepared.Key, prepared.Candidate))
        {
            // Removing the last finalizer deletes the object in the same step (a single DELETED event).
            stored = remover.Remove(prepared.Key, prepared.Old!, prepared.Candidate) ?? prepared.Candidate;
            collectors.Run();
            return stored;
        }

        stored = store.Put(prepared.Key, prepared.Candidate);
        crds.OnStored(prepared.Key, stored);
        collectors.RunAfterStore(prepared.Old, stored);
        return stored;
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
