// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Diagnostics;
using KeyOperator.LocalCluster;

namespace KeyOperator.Benchmarks.Macro;

/// <summary>
/// N ApiKeys (default token format) created against <c>key-operator-local</c>'s environment – control plane, CRDs,
/// admission webhook and operator in this process – then polled until all report Ready=True.
/// </summary>
internal static class ReadyAtScaleScenario
{
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(5);

    public static async Task RunAsync(int count, CancellationToken cancellationToken)
    {
        string directory = Directory.CreateTempSubdirectory("keyop-bench-").FullName;
        MemorySnapshot before = MemorySnapshot.Capture();
        await using (DevEnvironment environment = await BenchEnvironment.StartAsync(directory, cancellationToken))
        {
            // The environment's own client keeps the production 20 QPS limit; users and CI jobs are not bound by it.
            using k8s.Kubernetes client = BenchClient.Create(environment.KubeconfigPath);
            MemorySnapshot idle = MemorySnapshot.Capture();
            const string ns = "bench";
            await ControlPlaneSession.EnsureNamespaceAsync(client, ns, cancellationToken);

            var total = Stopwatch.StartNew();
            TimeSpan createTime = await Bulk.RunAsync(count, (i, ct) => ApiKeyBench.CreateAsync(client, ns, i, ct), cancellationToken);
            Console.WriteLine($"created {count} ApiKeys in {createTime.TotalSeconds:0.0} s ({count / createTime.TotalSeconds:0} /s, {Bulk.Parallelism} concurrent creates)");

            int ready = 0;
            TimeSpan poll = TimeSpan.FromMilliseconds(count > 2000 ? 2000 : 500);
            while (ready < count && total.Elapsed < Budget)
            {
                await Task.Delay(poll, cancellationToken);
                ready = await ApiKeyBench.CountReadyAsync(client, ns, cancellationToken);
            }

            TimeSpan allReady = total.Elapsed;
            MemorySnapshot after = MemorySnapshot.Capture();
            using Process process = Process.GetCurrentProcess();
            Console.WriteLine(ready == count
                ? $"all {count} Ready after {allReady.TotalSeconds:0.0} s from the first create ({count / allReady.TotalSeconds:0} keys/s end to end; poll every {poll.TotalMilliseconds:0} ms)"
                : $"ONLY {ready} of {count} Ready after {allReady.TotalSeconds:0.0} s (budget exhausted)");
            Console.WriteLine($"memory before start: {before}");
            Console.WriteLine($"memory idle (dev env started, no keys): {idle}");
            Console.WriteLine($"memory at the end ({ready} of {count} keys Ready): {after}; peak working set {MemorySnapshot.Mib(process.PeakWorkingSet64)}");
            Console.WriteLine($"heap growth per key (control plane storage + operator caches): {(after.HeapBytes - idle.HeapBytes) / (double)count:0} bytes");
            Console.WriteLine($"GC collections gen0/gen1/gen2: {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}; total allocated {MemorySnapshot.Mib(GC.GetTotalAllocatedBytes())}");
        }

        Directory.Delete(directory, recursive: true);
    }
}
