// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Diagnostics;

namespace KeyOperator.ControlPlane.Tests.Kubectl;

/// <summary>Runs the machine's real kubectl against a control plane, with a private kubeconfig and cache dir.</summary>
internal sealed class KubectlRunner : IDisposable
{
    private readonly string _directory;
    private readonly string _kubeconfig;

    private KubectlRunner(string directory, string kubeconfig)
    {
        _directory = directory;
        _kubeconfig = kubeconfig;
    }

    public static bool Available => File.Exists("/usr/bin/kubectl");

    public string Directory => _directory;

    public static async Task<KubectlRunner> CreateAsync(LocalControlPlane plane)
    {
        var directory = Path.Combine(Path.GetTempPath(), "keyop-kubectl-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        await plane.WriteKubeconfigAsync(kubeconfig);
        return new KubectlRunner(directory, kubeconfig);
    }

    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var process = Start(args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts kubectl without waiting (for <c>get -w</c>); the caller kills and disposes the process.</summary>
    public Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("/usr/bin/kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--kubeconfig");
        info.ArgumentList.Add(_kubeconfig);
        info.ArgumentList.Add("--cache-dir");
        info.ArgumentList.Add(Path.Combine(_directory, "cache"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
    }
}
