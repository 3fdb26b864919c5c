// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Json;
using KeyOperator.ControlPlane.Storage;

namespace KeyOperator.ControlPlane.Api;

/// <summary>
/// The stages every create, update, patch and apply goes through: prepare (under the storage lock), admission
/// (outside it), commit (under the lock again, retrying from prepare when the object changed in between), then the
/// follow-ups of a stored object: served CRDs and the collectors.
/// </summary>
internal sealed class WritePipeline(
    ObjectStore store, AdmissionChain admission, NamespaceLifecycle namespaces, ObjectRemover remover, CrdRegistrar crds, CollectorLoop collectors)
{
    /// <summary>Runs <paramref name="prepare"/> (which may throw the request's error) through admission and commit.
    /// Returns the stored object (the would-be object on a dry run) and whether it was created.</summary>
    public async Task<(JsonObject Object, bool Created)> WriteAsync(Func<PreparedWrite> prepare, RequestOptions options, CancellationToken cancellationToken)
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

            await admission.AdmitWriteAsync(prepared, options, cancellationToken).ConfigureAwait(false);

            lock (store.Sync)
            {
                var current = store.Get(prepared.Key, prepared.Namespace, prepared.Name);
                if (!ReferenceEquals(current, prepared.Old))
                {
                    if (attempt < AdmissionChain.MaxAttempts)
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
}
