// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Diagnostics;

namespace KeyOperator.Benchmarks.Macro;

/// <summary>Percentiles of one series of request latencies (Stopwatch ticks), nearest-rank.</summary>
internal sealed record LatencySummary(int Count, int Failures, double P50Ms, double P90Ms, double P99Ms, double MaxMs)
{
    public static LatencySummary From(long[] ticks, int failures)
    {
        long[] sorted = [.. ticks];
        Array.Sort(sorted);
        return new LatencySummary(sorted.Length, failures, Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.99), Ms(sorted[^1]));
    }

    public override string ToString() =>
        $"n={Count} failures={Failures} p50={P50Ms:0.00} ms p90={P90Ms:0.00} ms p99={P99Ms:0.00} ms max={MaxMs:0.00} ms";

    private static double Rank(long[] sorted, double quantile) => Ms(sorted[Math.Max(0, (int)Math.Ceiling(quantile * sorted.Length) - 1)]);

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
