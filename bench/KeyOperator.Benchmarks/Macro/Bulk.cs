// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Diagnostics;

namespace KeyOperator.Benchmarks.Macro;

/// <summary>Creates many objects over a bounded number of concurrent requests, as a busy CI job applying manifests would.</summary>
internal static class Bulk
{
    public const int Parallelism = 16;

    /// <summary>Runs <paramref name="create"/> for 0..count-1 and returns the elapsed time.</summary>
    public static async Task<TimeSpan> RunAsync(int count, Func<int, CancellationToken, ValueTask> create, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        int done = 0;
        int step = Math.Max(1000, count / 10);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                await create(i, ct);
                int now = Interlocked.Increment(ref done);
                if (now % step == 0)
                {
                    // Progress with the running rate: shows whether creates slow down as the store grows.
                    Console.WriteLine($"  {now} created, {stopwatch.Elapsed.TotalSeconds:0.0} s");
                }
            });
        return stopwatch.Elapsed;
    }
}
