// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using BenchmarkDotNet.Running;
using KeyOperator.Benchmarks.Macro;

// `macro <scenario>` runs a Stopwatch scenario against the local control plane; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "macro")
{
    return await MacroRunner.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(KeyOperator.Benchmarks.QueueThroughputBenchmarks).Assembly).Run(args);
return 0;
