// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Diagnostics;

namespace KeyOperator.Tests.Infrastructure;

/// <summary>
/// Runs the machine's real kubectl against a kubeconfig. Each instance has its own cache directory, because
/// kubectl caches discovery for 6 h and the dispatcher's /version for 2 h per host:port (see
/// shared/reference/kubectl-requests.md §9.3) – a shared cache would let one test's CRDs leak into another's.
/// </summary>
public sealed class Kubectl(string kubeconfigPath) : IDisposable
{
    private readonly string _cacheDirectory = Directory.CreateTempSubdirectory("keyop-kubectl-cache-").FullName;

    /// <summary>Runs kubectl with the given arguments and optional standard input; times out after <paramref name="timeout"/>.</summary>
    public async Task<KubectlResult> RunAsync(string arguments, string? standardInput = null, TimeSpan? timeout = null)
    {
        ProcessStartInfo start = new("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(kubeconfigPath);
        start.ArgumentList.Add("--cache-dir");
        start.ArgumentList.Add(_cacheDirectory);
        foreach (string argument in SplitArguments(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["KUBECACHEDIR"] = _cacheDirectory;
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("kubectl could not be started");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        using CancellationTokenSource cts = new(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {arguments} did not finish in time; stderr so far: {await stderr}");
        }

        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(_cacheDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A kubectl still writing its cache is harmless to leave behind in the temp folder.
        }
    }

    // Splits on spaces, honouring single quotes, so tests read like the command lines a user types.
    private static IEnumerable<string> SplitArguments(string arguments)
    {
        System.Text.StringBuilder current = new();
        bool quoted = false;
        bool any = false;
        foreach (char c in arguments)
        {
            if (c == '\'')
            {
                quoted = !quoted;
                any = true;
            }
            else if (c == ' ' && !quoted)
            {
                if (any)
                {
                    yield return current.ToString();
                }

                current.Clear();
                any = false;
            }
            else
            {
                current.Append(c);
                any = true;
            }
        }

        if (any)
        {
            yield return current.ToString();
        }
    }
}
