// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using k8s.Models;
using KeyOperator.LocalCluster;
using KeyOperator.Operator.Keys;
using KeyOperator.Tests.Infrastructure;

namespace KeyOperator.Tests.Cli;

/// <summary>The key-operator executable as a process: exit codes and messages a script can rely on, and how it stops.</summary>
public sealed class CliTests
{
    [Fact]
    public async Task TokenVerify_WellFormedToken_ExitsZero()
    {
        string token = Encoding.ASCII.GetString(TokenFormat.Generate("ko_", 256));

        KubectlResult result = await KeyOperatorCli.RunAsync(string.Empty, "token", "verify", token);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("valid", result.StandardOutput.Trim());
    }

    [Fact]
    public async Task TokenVerify_TokenFromStandardInput_ExitsZero()
    {
        string token = Encoding.ASCII.GetString(TokenFormat.Generate("pay_", 128));

        KubectlResult result = await KeyOperatorCli.RunAsync(token + "\n", "token", "verify", "-", "--prefix", "pay_");

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task TokenVerify_OneCharacterChanged_ExitsOneWithoutEchoingToken()
    {
        string token = Encoding.ASCII.GetString(TokenFormat.Generate("ko_", 256));
        char[] chars = token.ToCharArray();
        chars[10] = chars[10] == 'a' ? 'b' : 'a';
        string typo = new(chars);

        KubectlResult result = await KeyOperatorCli.RunAsync(string.Empty, "token", "verify", typo);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("invalid:", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(typo, result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateCrds_IntoEmptyDirectory_WritesTheCommittedManifests()
    {
        string directory = Directory.CreateTempSubdirectory("keyop-crds-").FullName;
        try
        {
            KubectlResult result = await KeyOperatorCli.RunAsync(string.Empty, "generate", "crds", "--out", directory);

            Assert.Equal(0, result.ExitCode);
            string[] written = Directory.GetFiles(directory, "*.yaml");
            Assert.NotEmpty(written);
            foreach (string file in written)
            {
                string committed = Path.Combine(RepositoryPaths.Root, "config", "crd", Path.GetFileName(file));
                Assert.Equal(await File.ReadAllTextAsync(committed), await File.ReadAllTextAsync(file));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task GenerateWebhook_DefaultNamespace_WritesTheCommittedConfiguration()
    {
        string directory = Directory.CreateTempSubdirectory("keyop-webhook-").FullName;
        try
        {
            KubectlResult result = await KeyOperatorCli.RunAsync(string.Empty, "generate", "webhook", "--out", directory);

            Assert.Equal(0, result.ExitCode);
            string expected = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "config", "webhook", "validating-webhook-configuration.yaml"));
            Assert.Equal(expected, await File.ReadAllTextAsync(Path.Combine(directory, "validating-webhook-configuration.yaml")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Run_MissingKubeconfigFile_ExitsTwoWithMessage()
    {
        KubectlResult result = await KeyOperatorCli.RunAsync(string.Empty, "run", "--kubeconfig", "/nonexistent/kubeconfig");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error:", result.StandardError, StringComparison.Ordinal);
    }

    // A kubeconfig that loads but points nowhere: flags must be refused before anything is dialled.
    private const string NowhereKubeconfig = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: nowhere
          cluster:
            server: https://127.0.0.1:1
        contexts:
        - name: nowhere
          context:
            cluster: nowhere
            user: nobody
        current-context: nowhere
        users:
        - name: nobody
          user:
            token: not-a-token
        """;

    [Theory]
    [InlineData("--webhook-cert-file /certs/tls.crt", "--webhook-cert-file, --webhook-key-file:")]
    [InlineData("--webhook-key-file /certs/tls.key", "--webhook-cert-file, --webhook-key-file:")]
    [InlineData("--workers 0", "--workers:")]
    [InlineData("--workers 65", "--workers:")]
    [InlineData("--kube-api-qps 0", "--kube-api-qps:")]
    [InlineData("--kube-api-burst 0", "--kube-api-burst:")]
    [InlineData("--webhook-port 70000", "--webhook-port:")]
    [InlineData("--metrics-port 70000", "--metrics-port must be between 0 and 65535")]
    [InlineData("--metrics-port 9443 --webhook-port 9443", "--metrics-port and --webhook-port must differ")]
    public async Task Run_FlagsThatCannotWork_ExitsTwoNamingTheFlags(string flags, string expected)
    {
        string kubeconfig = Path.GetTempFileName();
        await File.WriteAllTextAsync(kubeconfig, NowhereKubeconfig);
        try
        {
            KubectlResult result = await KeyOperatorCli.RunAsync(string.Empty, ["run", "--kubeconfig", kubeconfig, "--no-leader-election", .. flags.Split(' ')]);

            Assert.True(result.ExitCode == 2, $"exit code {result.ExitCode}: {result.StandardError}");
            Assert.StartsWith("error: ", result.StandardError, StringComparison.Ordinal);
            Assert.Contains(expected, result.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    [Fact]
    public async Task Run_InvalidHsmConfig_ExitsTwoNamingTheFlagLineAndField()
    {
        string kubeconfig = Path.GetTempFileName();
        string hsmConfig = Path.GetTempFileName();
        await File.WriteAllTextAsync(kubeconfig, NowhereKubeconfig);
        await File.WriteAllTextAsync(hsmConfig, "hsms:\n  - name: softhsm\n    module: libsofthsm2.so\n");
        try
        {
            KubectlResult result = await KeyOperatorCli.RunAsync(string.Empty, ["run", "--kubeconfig", kubeconfig, "--no-leader-election", "--hsm-config", hsmConfig]);

            Assert.True(result.ExitCode == 2, $"exit code {result.ExitCode}: {result.StandardError}");
            Assert.Contains($"error: --hsm-config: ConfigFile {hsmConfig}: hsm config: line 3: hsms[0].module: \"libsofthsm2.so\" is not an absolute path", result.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(kubeconfig);
            File.Delete(hsmConfig);
        }
    }

    [Fact]
    public async Task Dev_InvalidHsmConfig_ExitsTwoNamingLineAndField()
    {
        string directory = Directory.CreateTempSubdirectory("keyop-dev-hsm-").FullName;
        string hsmConfig = Path.Combine(directory, "hsm.yaml");
        await File.WriteAllTextAsync(hsmConfig, "hsms:\n  - name: softhsm\n    module: libsofthsm2.so\n");
        try
        {
            KubectlResult result = await KeyOperatorCli.RunLocalClusterAsync("--kubeconfig", Path.Combine(directory, "kubeconfig"), "--hsm-config", hsmConfig);

            Assert.True(result.ExitCode == 2, $"exit code {result.ExitCode}: {result.StandardError}");
            Assert.Contains($"error: ConfigFile {hsmConfig}: hsm config: line 3: hsms[0].module: \"libsofthsm2.so\" is not an absolute path", result.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Dev_InvalidPort_ExitsTwoWithMessage()
    {
        KubectlResult result = await KeyOperatorCli.RunLocalClusterAsync("--port", "70000");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--port", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--control-plane-only")]
    [InlineData("--samples")]
    public async Task Dev_Sigterm_StopsGracefullyAndExitsZero(string mode)
    {
        string directory = Directory.CreateTempSubdirectory("keyop-sigterm-").FullName;
        try
        {
            KubectlResult result = await KeyOperatorCli.RunLocalClusterUntilTerminatedAsync("export KUBECONFIG=", mode, "--kubeconfig", Path.Combine(directory, "kubeconfig"));

            Assert.True(result.ExitCode == 0, result.StandardError);
            Assert.Contains("Stopping.", result.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Run_Sigterm_ReleasesLeaseAndExitsZero()
    {
        string directory = Directory.CreateTempSubdirectory("keyop-run-").FullName;
        try
        {
            await using DevEnvironment cluster = await DevEnvironment.StartAsync(
                new DevOptions { KubeconfigPath = Path.Combine(directory, "kubeconfig"), StartOperator = false },
                TextWriter.Null,
                CancellationToken.None);

            // As a pod's termination: the operator leads and runs its controllers, then gets SIGTERM.
            KubectlResult result = await KeyOperatorCli.RunUntilTerminatedAsync("Controller apikey started", "run", "--kubeconfig", cluster.KubeconfigPath, "--namespace", "key-operator", "--metrics-port", "0", "--webhook-port", "0");

            Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}: {result.StandardError}{result.StandardOutput[^Math.Min(2000, result.StandardOutput.Length)..]}");
            Assert.Contains("released lease key-operator-leader", result.StandardOutput, StringComparison.Ordinal);
            V1Lease lease = await cluster.Client.ReadLeaderLeaseAsync();
            Assert.True(string.IsNullOrEmpty(lease.Spec?.HolderIdentity), "a successor should find the Lease free at once");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
