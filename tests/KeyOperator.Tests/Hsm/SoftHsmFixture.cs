// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Diagnostics;
using System.Runtime.InteropServices;
using k8s;
using k8s.Models;
using KeyOperator.Tests.Infrastructure;

namespace KeyOperator.Tests.Hsm;

/// <summary>
/// The local control plane and operator with <c>--hsm-config</c> naming a SoftHSM2 token initialised for this run in a
/// private SOFTHSM2_CONF, the PIN Secret in the operator's namespace, and a master key made by
/// <c>key-operator hsm init-master</c>. Fails, never skips, when SoftHSM2 is missing (`make deps` installs it).
/// </summary>
public sealed partial class SoftHsmFixture : OperatorFixture
{
    public const string ModulePath = "/usr/lib/softhsm/libsofthsm2.so";
    public const string Pin = "1234";
    public const string MasterLabel = "e2e-master";
    public const string AllowedLabel = "keyoperator.io/hsm";

    protected override string? HsmYaml => $$"""
        hsms:
          - name: softhsm
            module: {{ModulePath}}
            tokenLabel: keyoperator-e2e
            pinSecretRef: {name: hsm-pin, key: pin}
            namespaceSelector: {}
          - name: restricted
            module: {{ModulePath}}
            tokenLabel: keyoperator-e2e
            pinSecretRef: {name: hsm-pin, key: pin}
            namespaceSelector:
              matchLabels: {"{{AllowedLabel}}": "allowed"}
        """;

    public string HsmConfigPath { get; private set; } = string.Empty;

    protected override async Task PrepareAsync(string directory)
    {
        if (!File.Exists(ModulePath))
        {
            throw new InvalidOperationException($"SoftHSM2 is not installed ({ModulePath} is missing): run `make deps`, or apt-get install -y softhsm2 opensc");
        }

        string tokens = Path.Combine(directory, "tokens");
        Directory.CreateDirectory(tokens);
        string config = Path.Combine(directory, "softhsm2.conf");
        await File.WriteAllTextAsync(config, $"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n");

        // SoftHSM reads SOFTHSM2_CONF with getenv; the managed variable alone reaches only child processes.
        _ = SetEnv("SOFTHSM2_CONF", config, 1);
        System.Environment.SetEnvironmentVariable("SOFTHSM2_CONF", config);
        using Process init = Process.Start("softhsm2-util", ["--init-token", "--free", "--label", "keyoperator-e2e", "--pin", Pin, "--so-pin", "12345678"]);
        await init.WaitForExitAsync();
        Assert.Equal(0, init.ExitCode);

        HsmConfigPath = Path.Combine(directory, "hsm.yaml");
        await File.WriteAllTextAsync(HsmConfigPath, HsmYaml);
        KubectlResult created = await KeyOperatorCli.RunAsync(Pin + "\n", "hsm", "init-master", "--hsm-config", HsmConfigPath, "--hsm", "softhsm", "--label", MasterLabel, "--pin-file", "-");
        Assert.True(created.ExitCode == 0, created.StandardError);
    }

    public async Task EnsurePinSecretAsync()
    {
        V1Secret? existing = await Environment.Client.TryReadSecretAsync("key-operator", "hsm-pin");
        if (existing is null)
        {
            await Environment.Client.CoreV1.CreateNamespacedSecretAsync(
                new V1Secret { Metadata = new V1ObjectMeta { Name = "hsm-pin", NamespaceProperty = "key-operator" }, StringData = new Dictionary<string, string> { ["pin"] = Pin } },
                "key-operator");
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
