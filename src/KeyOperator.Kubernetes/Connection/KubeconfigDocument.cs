// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KeyOperator.Kubernetes;

/// <summary>
/// One or more kubeconfig files merged as client-go merges <c>$KUBECONFIG</c>
/// (<c>tools/clientcmd/loader.go</c>): the first file to define a cluster, user or context name wins, and the first
/// non-empty <c>current-context</c> wins. Each entry remembers its file's directory for relative paths.
/// Parsed with YamlDotNet's representation model, not its reflection-based deserializer, to stay AOT-safe.
/// </summary>
internal sealed class KubeconfigDocument
{
    private readonly Dictionary<string, KubeconfigEntry> _clusters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KubeconfigEntry> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KubeconfigEntry> _contexts = new(StringComparer.Ordinal);

    public string? CurrentContext { get; private set; }

    public KubeconfigEntry? FindCluster(string name) => _clusters.GetValueOrDefault(name);

    public KubeconfigEntry? FindUser(string name) => _users.GetValueOrDefault(name);

    public KubeconfigEntry? FindContext(string name) => _contexts.GetValueOrDefault(name);

    public void Merge(string yaml, string baseDirectory, string sourceName)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(yaml);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new KubeconfigException($"Kubeconfig '{sourceName}' is not valid YAML (line {ex.Start.Line}).", ex);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode)
        {
            return;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new KubeconfigException($"Kubeconfig '{sourceName}' is not a YAML mapping.");
        }

        if (string.IsNullOrEmpty(CurrentContext))
        {
            CurrentContext = YamlValues.GetString(root, "current-context");
        }

        AddNamed(root, "clusters", "cluster", _clusters, baseDirectory, sourceName);
        AddNamed(root, "users", "user", _users, baseDirectory, sourceName);
        AddNamed(root, "contexts", "context", _contexts, baseDirectory, sourceName);
    }

    private static void AddNamed(
        YamlMappingNode root, string listKey, string itemKey, Dictionary<string, KubeconfigEntry> target, string baseDirectory, string sourceName)
    {
        if (YamlValues.Get(root, listKey) is not YamlSequenceNode items)
        {
            return;
        }

        foreach (YamlNode item in items)
        {
            if (item is not YamlMappingNode mapping || YamlValues.GetString(mapping, "name") is not { Length: > 0 } name)
            {
                throw new KubeconfigException($"Kubeconfig '{sourceName}' has an entry in '{listKey}' without a name.");
            }

            target.TryAdd(name, new KubeconfigEntry(name, YamlValues.Get(mapping, itemKey) as YamlMappingNode, baseDirectory));
        }
    }
}
