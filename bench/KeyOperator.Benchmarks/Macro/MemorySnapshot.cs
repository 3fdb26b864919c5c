// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Diagnostics;
using System.Globalization;

namespace KeyOperator.Benchmarks.Macro;

/// <summary>Managed heap after a full blocking compacting collection, and the process working set.</summary>
/// <param name="HeapBytes">Live managed bytes (<see cref="GC.GetTotalMemory(bool)"/>).</param>
/// <param name="HeapSizeBytes">Managed heap size after that collection, fragmentation included (GCMemoryInfo).</param>
/// <param name="WorkingSetBytes">Resident memory of the whole process (control plane included when in-process).</param>
internal sealed record MemorySnapshot(long HeapBytes, long HeapSizeBytes, long WorkingSetBytes)
{
    public static MemorySnapshot Capture()
    {
        // Twice: finalizers released by the first collection free more on the second.
        for (int i = 0; i < 2; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using Process process = Process.GetCurrentProcess();
        long live = GC.GetTotalMemory(forceFullCollection: true);
        return new MemorySnapshot(live, GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes, process.WorkingSet64);
    }

    public static string Mib(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";

    public override string ToString() => $"heap {Mib(HeapBytes)} live / {Mib(HeapSizeBytes)} size, working set {Mib(WorkingSetBytes)}";
}
