// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.ProcessBench;

// The driver of hack/perf-process.sh (bench/README.md): one scenario against an operator running in another process.
string command = args.Length > 0 ? args[0] : string.Empty;
Options options;
try
{
    options = Options.Parse(args.Length > 0 ? args[1..] : []);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync("error: " + ex.Message);
    return 2;
}

using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(options.Int("timeout-minutes", 14)));
switch (command)
{
    case "cluster":
        await ClusterScenario.RunAsync(options, timeout.Token);
        return 0;
    case "ready":
        return await ReadyScenario.RunAsync(options, timeout.Token);
    case "rotation":
        return await RotationScenario.RunAsync(options, timeout.Token);
    default:
        await Console.Error.WriteLineAsync(
            """
            usage: KeyOperator.ProcessBench cluster  --kubeconfig F [--namespace key-operator]
                   KeyOperator.ProcessBench ready    --kubeconfig F --pid P --metrics-url U [--keys 10000] [--secrets 20000] [--namespaces 10] [--result FILE]
                   KeyOperator.ProcessBench rotation --kubeconfig F --pid P --metrics-url U [--keys 1000] [--result FILE]
            common: [--parallelism 16] [--settle-seconds 10] [--budget-seconds 480] [--timeout-minutes 14]
            """);
        return 2;
}
