// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.CommandLine;

namespace KeyOperator.LocalCluster;

/// <summary>
/// <c>key-operator-local</c>: the local control plane on 127.0.0.1 with the operator in the same process (or alone, with
/// <c>--control-plane-only</c>), in the foreground until Ctrl-C. It exists because no real API server can run on a developer machine here.
/// </summary>
internal static class DevCommand
{
    public static RootCommand CreateRoot()
    {
        Option<int> port = new("--port") { Description = "Port of the local control plane (0 picks a free one).", DefaultValueFactory = _ => 0 };
        Option<string> kubeconfig = new("--kubeconfig") { Description = "Where to write the kubeconfig for the local control plane.", DefaultValueFactory = _ => Path.Combine(".keyop", "kubeconfig") };
        Option<bool> samples = new("--samples") { Description = "Apply config/samples/ once the operator is running." };
        Option<string?> policyFile = new("--policy-file") { Description = "Admission policy file (see docs/policy.md)." };
        Option<string?> hsmConfig = new("--hsm-config") { Description = "HSM settings file (see docs/hsm.md)." };
        Option<bool> controlPlaneOnly = new("--control-plane-only")
        {
            Description = "Run only the local control plane (with the CRDs installed), for an operator started elsewhere or for tests through KEYOP_TEST_KUBECONFIG.",
        };

        RootCommand command = new("KeyOperator local cluster: the local control plane and the operator in the foreground (development and tests only).")
        {
            port, kubeconfig, samples, policyFile, hsmConfig, controlPlaneOnly,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new DevOptions
            {
                Port = parse.GetValue(port),
                KubeconfigPath = parse.GetValue(kubeconfig)!,
                ApplySamples = parse.GetValue(samples),
                PolicyFile = parse.GetValue(policyFile),
                HsmConfigFile = parse.GetValue(hsmConfig),
                StartOperator = !parse.GetValue(controlPlaneOnly),
            },
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(DevOptions options, CancellationToken cancellationToken)
    {
        if (options.Port is < 0 or > 65535)
        {
            await Console.Error.WriteLineAsync($"error: --port must be between 0 and 65535, not {options.Port}").ConfigureAwait(false);
            return 2;
        }

        DevEnvironment environment;
        try
        {
            environment = await DevEnvironment.StartAsync(options, Console.Out, cancellationToken).ConfigureAwait(false);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            // A bad --hsm-config (or other settings) is a usage error, as with key-operator run: the message, exit 2.
            foreach (string failure in ex.Failures)
            {
                await Console.Error.WriteLineAsync("error: " + failure).ConfigureAwait(false);
            }

            return 2;
        }

        await using DevEnvironment running = environment;
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Out.WriteLineAsync("Stopping.").ConfigureAwait(false);
        }

        return 0;
    }
}
