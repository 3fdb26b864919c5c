// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s.KubeConfigModels;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KeyOperator.Runtime.Client;

/// <summary>
/// Reads a kubeconfig file into the library's <see cref="K8SConfiguration"/> through YamlDotNet's representation
/// model, field by field as client-go's <c>clientcmd/api/v1/types.go</c> names them. Why not the library's own loader:
/// it deserializes with <c>KubernetesYaml</c>, whose static set-up registers a YAML type map for every Kubernetes model
/// (hundreds of types) and so kept about 26 MiB resident for the life of an operator that never reads YAML again
/// (docs/performance.md, "Idle memory"). The library still does everything after the parse
/// (<c>BuildConfigFromConfigObject</c>: contexts, certificates, exec plugins, tokens, relative paths), so auth
/// behaves exactly as with its loader. Unknown fields are ignored, as client-go ignores them.
/// </summary>
internal static class KubeconfigReader
{
    /// <summary>Reads and parses <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">The file is not a kubeconfig; the message names the file and the line.</exception>
    public static K8SConfiguration Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path);
        YamlStream stream = [];
        try
        {
            using StreamReader reader = File.OpenText(fullPath);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new FormatException($"{fullPath}:{ex.Start.Line}: not valid YAML: {ex.Message}", ex);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new FormatException($"{fullPath}: not a kubeconfig (expected a mapping with clusters, users and contexts)");
        }

        var fields = new Fields(fullPath);
        return new K8SConfiguration
        {
            FileName = fullPath,
            ApiVersion = fields.String(root, "apiVersion"),
            Kind = fields.String(root, "kind"),
            CurrentContext = fields.String(root, "current-context"),
            Clusters = [.. fields.Named(root, "clusters", "cluster", (name, node) => new Cluster { Name = name, ClusterEndpoint = fields.ClusterEndpoint(node) })],
            Users = [.. fields.Named(root, "users", "user", (name, node) => new User { Name = name, UserCredentials = fields.UserCredentials(node) })],
            Contexts = [.. fields.Named(root, "contexts", "context", (name, node) => new Context { Name = name, ContextDetails = fields.ContextDetails(node) })],
        };
    }

    /// <summary>Typed field access that reports the file and line of a field of the wrong shape.</summary>
    private sealed class Fields(string path)
    {
        public string? String(YamlMappingNode map, string key) => Get(map, key) switch
        {
            null => null,
            YamlScalarNode scalar => scalar.Value,
            YamlNode other => throw Wrong(other, key, "a string"),
        };

        public bool Bool(YamlMappingNode map, string key) => String(map, key) switch
        {
            null or "" or "false" or "False" or "FALSE" => false,
            "true" or "True" or "TRUE" => true,
            string other => throw Wrong(Get(map, key)!, key, $"true or false, not '{other}'"),
        };

        public IEnumerable<T> Named<T>(YamlMappingNode root, string listKey, string itemKey, Func<string, YamlMappingNode, T> build)
        {
            switch (Get(root, listKey))
            {
                case null:
                    yield break;
                case YamlSequenceNode sequence:
                    foreach (YamlNode item in sequence)
                    {
                        YamlMappingNode entry = item as YamlMappingNode ?? throw Wrong(item, listKey, "a list of {name, " + itemKey + "} entries");
                        string name = String(entry, "name") ?? throw Wrong(entry, listKey + "[].name", "a name");
                        YamlMappingNode body = Get(entry, itemKey) switch
                        {
                            null => [],
                            YamlMappingNode mapping => mapping,
                            YamlNode other => throw Wrong(other, $"{listKey}[{name}].{itemKey}", "a mapping"),
                        };
                        yield return build(name, body);
                    }

                    break;
                case YamlNode other:
                    throw Wrong(other, listKey, "a list");
            }
        }

        public ClusterEndpoint ClusterEndpoint(YamlMappingNode node) => new()
        {
            Server = String(node, "server"),
            CertificateAuthority = String(node, "certificate-authority"),
            CertificateAuthorityData = String(node, "certificate-authority-data"),
            SkipTlsVerify = Bool(node, "insecure-skip-tls-verify"),
            TlsServerName = String(node, "tls-server-name"),
        };

        public ContextDetails ContextDetails(YamlMappingNode node) => new()
        {
            Cluster = String(node, "cluster"),
            User = String(node, "user"),
            Namespace = String(node, "namespace"),
        };

        public UserCredentials UserCredentials(YamlMappingNode node) => new()
        {
            ClientCertificateData = String(node, "client-certificate-data"),
            ClientCertificate = String(node, "client-certificate"),
            ClientKeyData = String(node, "client-key-data"),
            ClientKey = String(node, "client-key"),
            Token = String(node, "token"),
            Impersonate = String(node, "as"),
            UserName = String(node, "username"),
            Password = String(node, "password"),
            AuthProvider = Get(node, "auth-provider") is YamlMappingNode provider ? AuthProvider(provider) : null,
            ExternalExecution = Get(node, "exec") is YamlMappingNode exec ? Exec(exec) : null,
        };

        private AuthProvider AuthProvider(YamlMappingNode node) => new()
        {
            Name = String(node, "name"),
            Config = Get(node, "config") is YamlMappingNode config
                ? config.Children.ToDictionary(static p => ((YamlScalarNode)p.Key).Value ?? string.Empty, p => (p.Value as YamlScalarNode)?.Value ?? string.Empty)
                : [],
        };

        private ExternalExecution Exec(YamlMappingNode node) => new()
        {
            ApiVersion = String(node, "apiVersion"),
            Command = String(node, "command"),
            Arguments = Get(node, "args") is YamlSequenceNode args ? [.. args.Select(a => (a as YamlScalarNode)?.Value ?? throw Wrong(a, "exec.args", "strings"))] : [],
            EnvironmentVariables = Get(node, "env") is YamlSequenceNode env
                ? [.. env.OfType<YamlMappingNode>().Select(e => new Dictionary<string, string> { ["name"] = String(e, "name") ?? string.Empty, ["value"] = String(e, "value") ?? string.Empty })]
                : [],
            ProvideClusterInfo = Bool(node, "provideClusterInfo"),
        };

        private static YamlNode? Get(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? value) && !(value is YamlScalarNode { Value: null or "" or "~" or "null", Style: ScalarStyle.Plain })
                ? value
                : null;

        private FormatException Wrong(YamlNode node, string field, string expected) =>
            new($"{path}:{node.Start.Line}: {field} must be {expected}");
    }
}
