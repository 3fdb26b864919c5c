// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Kubernetes;
using KeyOperator.Kubernetes.Errors;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;
using KeyOperator.Runtime.Controllers;

namespace KeyOperator.Runtime.IntegrationTests;

/// <summary>
/// Marks each ConfigMap of the test reconciled with a PUT of the cached object. With <paramref name="otherWriterFirst"/>, another
/// writer changes the object just before the first PUT, so that PUT carries a stale resourceVersion and gets a real 409.
/// </summary>
internal sealed class ConflictingReconciler(IKubernetesClient client, bool otherWriterFirst) : IReconciler<ConfigMap>
{
    private int _calls;
    private int _conflicts;

    public int Conflicts => Volatile.Read(ref _conflicts);

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<ConfigMap> request, CancellationToken cancellationToken)
    {
        // Only the test's own objects: a real cluster puts objects of its own (kube-root-ca.crt) into every namespace.
        if (request.Object is not { } cached
            || cached.Metadata.Labels?.ContainsKey(TestCluster.TestLabel) != true
            || cached.Data?.ContainsKey("reconciled") == true)
        {
            return ReconcileResult.Done;
        }

        if (Interlocked.Increment(ref _calls) == 1 && otherWriterFirst)
        {
            var fresh = await client.GetAsync(ResourceType.ConfigMaps, cached.Metadata.Namespace, cached.Metadata.Name!, KubernetesJsonContext.Default.ConfigMap, cancellationToken: cancellationToken);
            var byOther = new Dictionary<string, string>(fresh.Data ?? new Dictionary<string, string>()) { ["other"] = "x" };
            await client.ReplaceAsync(ResourceType.ConfigMaps, fresh with { Data = byOther }, KubernetesJsonContext.Default.ConfigMap, cancellationToken: cancellationToken);
        }

        var data = new Dictionary<string, string>(cached.Data ?? new Dictionary<string, string>()) { ["reconciled"] = "true" };
        try
        {
            await client.ReplaceAsync(ResourceType.ConfigMaps, cached with { Data = data }, KubernetesJsonContext.Default.ConfigMap, cancellationToken: cancellationToken);
        }
        catch (ConflictException)
        {
            Interlocked.Increment(ref _conflicts);
            throw;
        }

        return ReconcileResult.Done;
    }
}
