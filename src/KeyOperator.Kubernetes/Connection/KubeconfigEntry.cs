// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using YamlDotNet.RepresentationModel;

namespace KeyOperator.Kubernetes;

/// <summary>A named cluster, user or context, with the directory its relative paths resolve against.</summary>
/// <param name="Name">Entry name.</param>
/// <param name="Body">The <c>cluster:</c>/<c>user:</c>/<c>context:</c> mapping; null when empty.</param>
/// <param name="BaseDirectory">Directory of the kubeconfig file that defined the entry.</param>
internal sealed record KubeconfigEntry(string Name, YamlMappingNode? Body, string BaseDirectory)
{
    public string? GetString(string key) => Body is null ? null : YamlValues.GetString(Body, key);

    public bool GetBool(string key) => string.Equals(GetString(key), "true", StringComparison.OrdinalIgnoreCase);

    public string? GetPath(string key) =>
        GetString(key) is { Length: > 0 } path ? Path.GetFullPath(path, BaseDirectory) : null;
}
