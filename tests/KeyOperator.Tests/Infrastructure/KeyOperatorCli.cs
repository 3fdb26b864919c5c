// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Diagnostics;

namespace KeyOperator.Tests.Infrastructure;

/// <summary>
/// Runs the built key-operator executable (or key-operator-local, the local cluster) as a separate process, exactly as
/// a user or script would.
/// </summary>
public static class KeyOperatorCli
{
    /// <summary>The product executable, as the container image ships it.</summary>
    public const string Product = "key-operator";

    /// <summary>The local control plane with the operator (<c>make dev</c>); not in the product.</summary>
    public const string LocalCluster = "key-operator-local";

    public static Task<KubectlResult> RunAsync(string standardInput, params string[] arguments) =>
        RunAsync(Product, standardInput, arguments);

    /// <summary>Runs key-operator-local with <paramref name="arguments"/> and no standard input.</summary>
    public static Task<KubectlResult> RunLocalClusterAsync(params string[] arguments) =>
        RunAsync(LocalCluster, string.Empty, arguments);

    public static Task<KubectlResult> RunUntilTerminatedAsync(string readyText, params string[] arguments) =>
        RunUntilTerminatedAsync(Product, readyText, arguments);

    /// <summary>As <see cref="RunUntilTerminatedAsync(string, string[])"/>, for key-operator-local.</summary>
    public static Task<KubectlResult> RunLocalClusterUntilTerminatedAsync(string readyText, params string[] arguments) =>
        RunUntilTerminatedAsync(LocalCluster, readyText, arguments);

    internal static ProcessStartInfo StartInfo(string[] arguments) => StartInfo(Product, arguments);

    private static async Task<KubectlResult> RunAsync(string executable, string standardInput, string[] arguments)
    {
        using Process process = Process.Start(StartInfo(executable, arguments))!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(standardInput);
        process.StandardInput.Close();
        using CancellationTokenSource timeout = new(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// Starts a long-running command, waits until its standard output has a line containing <paramref name="readyText"/>,
    /// sends it SIGTERM as a pod termination or CI cleanup would, and returns how it ended.
    /// </summary>
    private static async Task<KubectlResult> RunUntilTerminatedAsync(string executable, string readyText, string[] arguments)
    {
        using Process process = Process.Start(StartInfo(executable, arguments))!;
        process.StandardInput.Close();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        System.Text.StringBuilder output = new();
        using CancellationTokenSource timeout = new(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            output.AppendLine(line);
            if (line.Contains(readyText, StringComparison.Ordinal))
            {
                using Process kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
                await kill.WaitForExitAsync(timeout.Token);
                break;
            }
        }

        output.Append(await process.StandardOutput.ReadToEndAsync(timeout.Token));
        await process.WaitForExitAsync(timeout.Token);
        return new KubectlResult(process.ExitCode, output.ToString(), await stderr);
    }

    private static ProcessStartInfo StartInfo(string executable, string[] arguments)
    {
        ProcessStartInfo start = new("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, executable + ".dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
