// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Diagnostics;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers.ApiKeys;
using KeyOperator.Operator.Serialization;
using KeyOperator.Runtime.Informers;
using KeyOperator.Runtime.Kubernetes;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyOperator.Benchmarks.Macro;

/// <summary>
/// Managed heap an informer adds for N cached ApiKeys: the control plane is filled first, then one
/// <see cref="Informer{T}"/> lists and watches them; the heap difference is the cache (objects, indexes, watch).
/// </summary>
internal static class InformerMemoryScenario
{
    public static async Task RunAsync(int count, CancellationToken cancellationToken)
    {
        await using ControlPlaneSession session = await ControlPlaneSession.StartAsync(cancellationToken);
        const string ns = "bench";
        await session.EnsureNamespaceAsync(ns, cancellationToken);
        TimeSpan createTime = await Bulk.RunAsync(count, (i, ct) => ApiKeyBench.CreateAsync(session.Client, ns, i, ct), cancellationToken);
        Console.WriteLine($"created {count} ApiKeys in {createTime.TotalSeconds:0.0} s");

        MemorySnapshot before = MemorySnapshot.Capture();
        var informer = new Informer<ApiKey>(
            new CustomResourceListWatchSource<ApiKey>(session.Client, ApiKeyResources.ApiKeys, null, OperatorJsonContext.Default.ApiKey, OperatorJsonContext.Default.CustomResourceListApiKey),
            KubernetesObjectAccessor<ApiKey>.Instance,
            new InformerOptions { Name = "apikeys" },
            TimeProvider.System,
            NullLogger<Informer<ApiKey>>.Instance,

            // As the operator builds it (copy-on-read); copies are made per read and are not part of the cache.
            new SourceGeneratedCopier<ApiKey>(OperatorJsonContext.Default.ApiKey));
        var sync = Stopwatch.StartNew();
        await informer.StartAsync(cancellationToken);
        await informer.WaitForSyncAsync(cancellationToken);
        TimeSpan syncTime = sync.Elapsed;
        MemorySnapshot after = MemorySnapshot.Capture();
        int cached = informer.Cache.Count;

        Console.WriteLine($"informer synced {cached} objects in {syncTime.TotalSeconds:0.00} s (paged LIST, 500 per page)");
        Console.WriteLine($"heap without informer: {before}");
        Console.WriteLine($"heap with informer:    {after}");
        Console.WriteLine($"informer heap: {MemorySnapshot.Mib(after.HeapBytes - before.HeapBytes)} total, {(after.HeapBytes - before.HeapBytes) / (double)count:0} bytes per cached ApiKey");
        await informer.StopAsync(CancellationToken.None);
        informer.Dispose();
    }
}
