// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Diagnostics;
using System.Text;

namespace KeyOperator.Tests.Infrastructure;

/// <summary>
/// <c>key-operator run</c> as its own process, to be killed with SIGKILL the way the kernel's OOM killer or a node
/// failure ends a pod: no shutdown hook runs, the leader Lease is not released, requests in flight are cut.
/// </summary>
public sealed class OperatorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Task _pump;

    private OperatorProcess(Process process)
    {
        _process = process;
        _pump = Task.WhenAll(PumpAsync(process.StandardOutput), PumpAsync(process.StandardError));
    }

    /// <summary>What the process printed so far (logs carry no key material, so this is safe in a failure message).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the operator against <paramref name="kubeconfig"/> and waits until its ApiKey controller runs.</summary>
    public static async Task<OperatorProcess> StartAsync(string kubeconfig)
    {
        // Port 0: the process must not collide with anything else the test run listens on.
        Process process = Process.Start(KeyOperatorCli.StartInfo(
            ["run", "--kubeconfig", kubeconfig, "--namespace", "key-operator", "--metrics-port", "0", "--webhook-port", "0"]))!;
        process.StandardInput.Close();
        var started = new OperatorProcess(process);
        DateTime deadline = DateTime.UtcNow.AddSeconds(90);
        while (!started.Output.Contains("Controller apikey started", StringComparison.Ordinal))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                string output = started.Output;
                await started.DisposeAsync();
                throw new InvalidOperationException("key-operator run did not start its controllers:\n" + output);
            }

            await Task.Delay(50);
        }

        return started;
    }

    /// <summary>SIGKILL, then waits for the process to be gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        await _pump;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private async Task PumpAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
