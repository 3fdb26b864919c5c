// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using k8s.Models;
using KeyOperator.Runtime.Client;
using KeyOperator.Runtime.Controllers;

namespace KeyOperator.Runtime.IntegrationTests;

/// <summary>
/// Marks each ConfigMap of the test reconciled with a PUT of the cached object. With <paramref name="otherWriterFirst"/>, another
/// writer changes the object just before the first PUT, so that PUT carries a stale resourceVersion and gets a real 409.
/// </summary>
internal sealed class ConflictingReconciler(IKubernetes client, bool otherWriterFirst) : IReconciler<V1ConfigMap>
{
    private int _calls;
    private int _conflicts;

    public int Conflicts => Volatile.Read(ref _conflicts);

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<V1ConfigMap> request, CancellationToken cancellationToken)
    {
        // Only the test's own objects: a real cluster puts objects of its own (kube-root-ca.crt) into every namespace.
        if (request.Object is not { } cached
            || cached.Metadata.Labels?.ContainsKey(TestCluster.TestLabel) != true
            || cached.Data?.ContainsKey("reconciled") == true)
        {
            return ReconcileResult.Done;
        }

        var ns = cached.Metadata.NamespaceProperty;
        var name = cached.Metadata.Name;
        if (Interlocked.Increment(ref _calls) == 1 && otherWriterFirst)
        {
            var fresh = await client.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: cancellationToken);
            fresh.Data = new Dictionary<string, string>(fresh.Data ?? new Dictionary<string, string>()) { ["other"] = "x" };
            await client.CoreV1.ReplaceNamespacedConfigMapAsync(fresh, name, ns, cancellationToken: cancellationToken);
        }

        // The cache hands out copies, so changing the object read from it is allowed.
        cached.Data = new Dictionary<string, string>(cached.Data ?? new Dictionary<string, string>()) { ["reconciled"] = "true" };
        try
        {
            await client.CoreV1.ReplaceNamespacedConfigMapAsync(cached, name, ns, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (KubernetesErrors.IsConflict(ex))
        {
            Interlocked.Increment(ref _conflicts);
            throw;
        }

        return ReconcileResult.Done;
    }
}
