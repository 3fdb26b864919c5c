// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using YamlDotNet.RepresentationModel;

namespace KeyOperator.Kubernetes;

/// <summary>Reads a kubeconfig <c>user.exec</c> block.</summary>
internal static class ExecConfigParser
{
    public static ExecCredentialConfig Parse(YamlMappingNode exec, string baseDirectory, string owner)
    {
        string command = YamlValues.GetString(exec, "command") is { Length: > 0 } c
            ? c
            : throw new KubeconfigException($"The exec plugin of {owner} has no command.");
        string apiVersion = YamlValues.GetString(exec, "apiVersion")
            ?? throw new KubeconfigException($"The exec plugin of {owner} has no apiVersion.");
        if (apiVersion != "client.authentication.k8s.io/v1")
        {
            throw new KubeconfigException($"The exec plugin of {owner} uses '{apiVersion}'; only client.authentication.k8s.io/v1 is supported.");
        }

        // client-go (exec.go): a command with a path separator is relative to the kubeconfig; a bare name uses PATH.
        if (!Path.IsPathRooted(command) && command.Contains('/', StringComparison.Ordinal))
        {
            command = Path.GetFullPath(command, baseDirectory);
        }

        var arguments = new List<string>();
        if (YamlValues.Get(exec, "args") is YamlSequenceNode args)
        {
            arguments.AddRange(args.OfType<YamlScalarNode>().Select(a => a.Value ?? string.Empty));
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (YamlValues.Get(exec, "env") is YamlSequenceNode env)
        {
            foreach (YamlMappingNode variable in env.OfType<YamlMappingNode>())
            {
                if (YamlValues.GetString(variable, "name") is { Length: > 0 } name)
                {
                    environment[name] = YamlValues.GetString(variable, "value") ?? string.Empty;
                }
            }
        }

        return new ExecCredentialConfig
        {
            Command = command,
            Arguments = arguments,
            Environment = environment,
            ApiVersion = apiVersion,
            ProvideClusterInfo = string.Equals(YamlValues.GetString(exec, "provideClusterInfo"), "true", StringComparison.OrdinalIgnoreCase),
            InteractiveMode = YamlValues.GetString(exec, "interactiveMode") ?? "IfAvailable",
            WorkingDirectory = baseDirectory,
        };
    }
}
