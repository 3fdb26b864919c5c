// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using KeyOperator.Benchmarks.Admission;

namespace KeyOperator.Benchmarks.Macro;

/// <summary>Runs one macro scenario: <c>macro &lt;scenario&gt; [n]</c>. See bench/README.md.</summary>
internal static class MacroRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        string scenario = args.Length > 0 ? args[0] : string.Empty;
        int? n = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : null;
        Console.WriteLine($"scenario {scenario} on {Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}, {DateTime.UtcNow:u}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        switch (scenario)
        {
            case "ready":
                await ReadyAtScaleScenario.RunAsync(n ?? 1_000, timeout.Token);
                return 0;
            case "informer":
                await InformerMemoryScenario.RunAsync(n ?? 10_000, timeout.Token);
                return 0;
            case "secrets":
                await UnrelatedSecretsScenario.RunAsync(n ?? 50_000, timeout.Token);
                return 0;
            case "rotation":
                await RotationLagScenario.RunAsync(n ?? 1_000, timeout.Token);
                return 0;
            case "external":
                await ExternalCredentialScaleScenario.RunAsync(n ?? 1_000, timeout.Token);
                return 0;
            case "admission":
                await AdmissionLatencyScenario.RunAsync(n ?? 500, TimeSpan.FromSeconds(20), timeout.Token);
                return 0;
            default:
                await Console.Error.WriteLineAsync("usage: macro ready [keys=1000] | informer [objects=10000] | secrets [count=50000] | admission [requests/s=500] | rotation [keys=1000] | external [credentials=1000]");
                return 2;
        }
    }
}
