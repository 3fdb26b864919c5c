// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.LocalCluster;
using Microsoft.Extensions.Logging;

namespace KeyOperator.Benchmarks.Macro;

/// <summary>
/// <c>key-operator-local</c>'s environment (control plane, CRDs, admission webhook, operator) in this process, as the
/// macro scenarios run it: kubeconfig in <paramref name="directory"/>, only warnings logged, no banner.
/// </summary>
internal static class BenchEnvironment
{
    public static Task<DevEnvironment> StartAsync(string directory, CancellationToken cancellationToken) =>
        DevEnvironment.StartAsync(
            new DevOptions
            {
                KubeconfigPath = Path.Combine(directory, "kubeconfig"),
                ConfigureLogging = static logging => logging.SetMinimumLevel(LogLevel.Warning),
            },
            TextWriter.Null,
            cancellationToken);
}
