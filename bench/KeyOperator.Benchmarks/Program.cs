// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(KeyOperator.Benchmarks.QueueThroughputBenchmarks).Assembly).Run(args);
