// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography.X509Certificates;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace KeyOperator.Kubernetes;

/// <summary>
/// Loads a <see cref="KubernetesClientConfiguration"/> from kubeconfig files, following client-go's rules
/// (<c>tools/clientcmd</c>): <c>$KUBECONFIG</c> path lists merge with the first definition of each name winning,
/// relative paths resolve against the directory of the file that holds them, and a context that names a missing
/// cluster or user is an error. Certificate and token files are read when loading.
/// </summary>
public static class KubeconfigLoader
{
    /// <summary>Loads from <c>$KUBECONFIG</c> (a path list) or, when unset, <c>~/.kube/config</c>.</summary>
    /// <param name="context">Context to use; null for <c>current-context</c>.</param>
    public static KubernetesClientConfiguration LoadDefault(string? context = null) =>
        LoadDefault(context, Environment.GetEnvironmentVariable("KUBECONFIG"), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    // Internal for testing: the KUBECONFIG value and home directory are passed in.
    internal static KubernetesClientConfiguration LoadDefault(string? context, string? kubeconfigVariable, string homeDirectory)
    {
        if (!string.IsNullOrEmpty(kubeconfigVariable))
        {
            string[] paths = kubeconfigVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);

            // client-go skips missing entries of the list; only an entirely missing set is an error.
            string[] existing = [.. paths.Where(File.Exists)];
            if (existing.Length == 0)
            {
                throw new KubeconfigException("None of the files named by KUBECONFIG exists.");
            }

            return LoadFiles(existing, context);
        }

        return LoadFiles([Path.Combine(homeDirectory, ".kube", "config")], context);
    }

    /// <summary>Loads and merges the given files, in priority order.</summary>
    /// <param name="paths">Kubeconfig files; every one must exist.</param>
    /// <param name="context">Context to use; null for the merged <c>current-context</c>.</param>
    public static KubernetesClientConfiguration LoadFiles(IReadOnlyList<string> paths, string? context = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var document = new KubeconfigDocument();
        foreach (string path in paths)
        {
            string full = Path.GetFullPath(path);
            if (!File.Exists(full))
            {
                throw new KubeconfigException($"Kubeconfig file '{full}' does not exist.");
            }

            document.Merge(File.ReadAllText(full), Path.GetDirectoryName(full)!, full);
        }

        return Resolve(document, context);
    }

    /// <summary>Loads kubeconfig text, such as the one a local control plane hands out.</summary>
    /// <param name="yaml">The kubeconfig YAML.</param>
    /// <param name="context">Context to use; null for <c>current-context</c>.</param>
    /// <param name="baseDirectory">Directory for relative paths; the current directory when null.</param>
    public static KubernetesClientConfiguration LoadYaml(string yaml, string? context = null, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var document = new KubeconfigDocument();
        document.Merge(yaml, baseDirectory ?? Directory.GetCurrentDirectory(), "<inline>");
        return Resolve(document, context);
    }

    private static KubernetesClientConfiguration Resolve(KubeconfigDocument document, string? requestedContext)
    {
        string contextName = requestedContext ?? document.CurrentContext
            ?? throw new KubeconfigException("The kubeconfig sets no current-context and no context was chosen.");
        KubeconfigEntry context = document.FindContext(contextName)
            ?? throw new KubeconfigException($"Context '{contextName}' is not defined in the kubeconfig.");

        string clusterName = context.GetString("cluster")
            ?? throw new KubeconfigException($"Context '{contextName}' names no cluster.");
        KubeconfigEntry cluster = document.FindCluster(clusterName)
            ?? throw new KubeconfigException($"Cluster '{clusterName}' (named by context '{contextName}') is not defined in the kubeconfig.");

        string server = cluster.GetString("server")
            ?? throw new KubeconfigException($"Cluster '{clusterName}' has no server.");
        if (!Uri.TryCreate(server, UriKind.Absolute, out Uri? serverUri) || serverUri.Scheme is not ("https" or "http"))
        {
            throw new KubeconfigException($"Cluster '{clusterName}' has an invalid server URL '{server}'.");
        }

        var configuration = new KubernetesClientConfiguration
        {
            Server = serverUri,
            ContextName = contextName,
            Namespace = context.GetString("namespace") is { Length: > 0 } ns ? ns : "default",
            InsecureSkipTlsVerify = cluster.GetBool("insecure-skip-tls-verify"),
            TlsServerName = cluster.GetString("tls-server-name"),
            CertificateAuthorities = LoadCertificateAuthorities(cluster),
        };

        string? userName = context.GetString("user");
        if (string.IsNullOrEmpty(userName))
        {
            return configuration;
        }

        KubeconfigEntry user = document.FindUser(userName)
            ?? throw new KubeconfigException($"User '{userName}' (named by context '{contextName}') is not defined in the kubeconfig.");
        return ApplyUser(configuration, user, cluster);
    }

    private static IReadOnlyList<X509Certificate2> LoadCertificateAuthorities(KubeconfigEntry cluster)
    {
        string? pem = ReadDataOrFile(cluster, "certificate-authority-data", "certificate-authority", $"cluster '{cluster.Name}'");
        return pem is null ? [] : PemCertificates.LoadBundle(pem);
    }

    private static KubernetesClientConfiguration ApplyUser(KubernetesClientConfiguration configuration, KubeconfigEntry user, KubeconfigEntry cluster)
    {
        string owner = $"user '{user.Name}'";
        string? certificatePem = ReadDataOrFile(user, "client-certificate-data", "client-certificate", owner);
        string? keyPem = ReadDataOrFile(user, "client-key-data", "client-key", owner);
        X509Certificate2? certificate = null;
        if (certificatePem is not null || keyPem is not null)
        {
            if (certificatePem is null || keyPem is null)
            {
                throw new KubeconfigException($"The {owner} has a client certificate without a key, or a key without a certificate.");
            }

            try
            {
                certificate = PemCertificates.LoadClientCertificate(certificatePem, keyPem);
            }
            catch (System.Security.Cryptography.CryptographicException ex)
            {
                throw new KubeconfigException($"The client certificate or key of {owner} cannot be loaded.", ex);
            }
        }

        string? token = user.GetString("token");
        string? tokenFile = user.GetPath("tokenFile");
        if (token is null && user.Body is not null && YamlValues.Get(user.Body, "auth-provider") is YamlMappingNode provider)
        {
            token = ReadAuthProviderToken(provider, owner);
        }

        ExecCredentialConfig? exec = null;
        if (user.Body is not null && YamlValues.Get(user.Body, "exec") is YamlMappingNode execNode)
        {
            exec = ExecConfigParser.Parse(execNode, user.BaseDirectory, owner);
        }

        return configuration with
        {
            ClientCertificate = certificate,
            AccessToken = token,
            TokenFile = tokenFile,
            Username = user.GetString("username"),
            Password = user.GetString("password"),
            Exec = exec,
        };
    }

    // Only the token an oidc provider already holds is used; refreshing it needs the provider's flow, which the
    // exec plugin mechanism replaced (auth-provider plugins were removed from client-go in 1.26).
    private static string ReadAuthProviderToken(YamlMappingNode provider, string owner)
    {
        string name = YamlValues.GetString(provider, "name") ?? string.Empty;
        if (name == "oidc" && YamlValues.Get(provider, "config") is YamlMappingNode config
            && YamlValues.GetString(config, "id-token") is { Length: > 0 } idToken)
        {
            return idToken;
        }

        throw new KubeconfigException($"The {owner} uses auth-provider '{name}', which is not supported; use an exec credential plugin.");
    }

    private static string? ReadDataOrFile(KubeconfigEntry entry, string dataKey, string fileKey, string owner)
    {
        if (entry.GetString(dataKey) is { Length: > 0 } data)
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(data));
            }
            catch (FormatException ex)
            {
                throw new KubeconfigException($"The {dataKey} of {owner} is not valid base64.", ex);
            }
        }

        if (entry.GetPath(fileKey) is not { } path)
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new KubeconfigException($"The {fileKey} file '{path}' of {owner} does not exist.");
        }

        return File.ReadAllText(path);
    }
}
