// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

// `make test-k3s`: the Cluster=Any tests (hack/test-cluster.sh) against a throwaway K3s in Docker. The operator is not
// deployed into K3s: as with any KEYOP_TEST_KUBECONFIG, the end-to-end tests run one operator in the test process,
// reaching the K3s API server through the kubeconfig's published port. Exit codes: the script's; 2 when no Docker
// engine is reachable; 1 when K3s does not start. With --check-docker it only checks for the engine (0 or 2), so the
// Makefile can say so before spending minutes building the solution.

using System.Diagnostics;
using System.Reflection;
using DotNet.Testcontainers.Builders;
using Testcontainers.K3s;

// The image Testcontainers documents for its K3s module; KEYOP_K3S_IMAGE picks another (a rancher/k3s tag).
const string DefaultImage = "rancher/k3s:v1.26.2-k3s1";
const int NoDockerExitCode = 2;

string repositoryRoot = Assembly.GetEntryAssembly()!.GetCustomAttributes<AssemblyMetadataAttribute>()
    .Single(attribute => attribute.Key == "RepositoryRoot").Value!;
string script = Path.Combine(repositoryRoot, "hack", "test-cluster.sh");
string image = Environment.GetEnvironmentVariable("KEYOP_K3S_IMAGE") is { Length: > 0 } chosen ? chosen : DefaultImage;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Stop the script and then the container, instead of dying and leaving K3s to the resource reaper.
    e.Cancel = true;
    cancellation.Cancel();
};

K3sContainer k3s;
try
{
    // Build() runs Testcontainers' own endpoint discovery (DOCKER_HOST, ~/.testcontainers.properties, the local
    // socket) and throws DockerUnavailableException when none of them answers.
    k3s = new K3sBuilder(image).Build();
}
catch (DockerUnavailableException ex)
{
    return NoDocker(ex);
}

if (args is ["--check-docker"])
{
    await k3s.DisposeAsync();
    return 0;
}

await using (k3s)
{
    try
    {
        Console.WriteLine($"Starting K3s ({image}) in Docker...");
        await k3s.StartAsync(cancellation.Token);
    }
    catch (DockerUnavailableException ex)
    {
        return NoDocker(ex);
    }
    catch (OperationCanceledException)
    {
        await Console.Error.WriteLineAsync("error: cancelled while K3s was starting");
        return 130;
    }
    catch (Exception ex)
    {
        await Console.Error.WriteLineAsync($"error: K3s ({image}) did not start: {ex.Message}");
        return 1;
    }

    DirectoryInfo directory = Directory.CreateTempSubdirectory("keyop-k3s-");
    try
    {
        string kubeconfig = Path.Combine(directory.FullName, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, await k3s.GetKubeconfigAsync(), cancellation.Token);
        Console.WriteLine($"KEYOP_TEST_KUBECONFIG={kubeconfig} (K3s in container {k3s.Id[..12]})");
        return await RunScriptAsync(script, repositoryRoot, kubeconfig, cancellation.Token);
    }
    finally
    {
        directory.Delete(recursive: true);
        Console.WriteLine("Stopping K3s...");
    }
}

static int NoDocker(DockerUnavailableException ex)
{
    // Testcontainers' message runs over several lines; its "Details" name each endpoint it tried, which is the reason.
    string[] tried = [.. ex.Message.Split('\n').Select(line => line.Trim().TrimEnd('.'))
        .Where(line => line.StartsWith("Failed to connect", StringComparison.Ordinal)).Distinct()];
    string reason = tried.Length > 0 ? string.Join("; ", tried) : ex.Message.Split('.', 2)[0];
    Console.Error.WriteLine(
        $"error: no Docker engine is reachable ({reason}); make test-k3s needs one. Start Docker or set DOCKER_HOST, "
        + "or run `make test-cluster` for the same tests against a local control plane.");
    return NoDockerExitCode;
}

static async Task<int> RunScriptAsync(string script, string workingDirectory, string kubeconfig, CancellationToken cancellationToken)
{
    var start = new ProcessStartInfo("bash") { WorkingDirectory = workingDirectory, UseShellExecute = false };
    start.ArgumentList.Add(script);
    start.Environment["KEYOP_TEST_KUBECONFIG"] = kubeconfig;
    using Process process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
    try
    {
        await process.WaitForExitAsync(cancellationToken);
    }
    catch (OperationCanceledException)
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(CancellationToken.None);
    }

    return process.ExitCode;
}
