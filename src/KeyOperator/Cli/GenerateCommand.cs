// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.CommandLine;
using KeyOperator.Operator;
using KeyOperator.Operator.Admission.Generation;

namespace KeyOperator.Cli;

/// <summary><c>key-operator generate crds|webhook --out DIR</c>: writes the manifests that are generated from code.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        Command command = new("generate", "Write manifests generated from the C# types.");
        command.Subcommands.Add(CreateCrds());
        command.Subcommands.Add(CreateWebhook());
        return command;
    }

    private static Command CreateCrds()
    {
        Option<string> output = new("--out") { Description = "Directory to write the CRD YAML files into.", Required = true };
        Command command = new("crds", "Write the CustomResourceDefinitions of KeyOperator's kinds.") { output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string directory = parse.GetValue(output)!;
            Directory.CreateDirectory(directory);
            foreach ((string fileName, string yaml) in KeyOperatorManifests.GenerateCrds())
            {
                await File.WriteAllTextAsync(Path.Combine(directory, fileName), yaml, cancellationToken).ConfigureAwait(false);
                await Console.Out.WriteLineAsync(Path.Combine(directory, fileName)).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }

    private static Command CreateWebhook()
    {
        Option<string> output = new("--out") { Description = "Directory to write validating-webhook-configuration.yaml into.", Required = true };
        Option<string> ns = new("--namespace") { Description = "Namespace the operator runs in.", DefaultValueFactory = _ => "key-operator" };
        Command command = new("webhook", "Write the ValidatingWebhookConfiguration (KeyOperator's own kinds only).") { output, ns };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string directory = parse.GetValue(output)!;
            Directory.CreateDirectory(directory);
            string path = Path.Combine(directory, "validating-webhook-configuration.yaml");
            string yaml = KeyOperatorManifests.GenerateWebhookConfiguration(new WebhookConfigurationOptions { Namespace = parse.GetValue(ns)! });
            await File.WriteAllTextAsync(path, yaml, cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync(path).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
