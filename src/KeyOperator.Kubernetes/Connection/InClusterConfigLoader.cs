// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;

namespace KeyOperator.Kubernetes;

/// <summary>
/// In-cluster configuration, as client-go's <c>rest.InClusterConfig</c> (<c>rest/config.go</c>): server from
/// <c>KUBERNETES_SERVICE_HOST</c>/<c>KUBERNETES_SERVICE_PORT</c>, trust from the mounted <c>ca.crt</c>, and the mounted
/// token file, re-read every minute because the kubelet rotates it.
/// </summary>
public static class InClusterConfigLoader
{
    /// <summary>Where the kubelet mounts the service account token, CA and namespace.</summary>
    public const string DefaultServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>True when both service variables are set (client-go's "not in cluster" test).</summary>
    /// <param name="environment">Reads an environment variable; the process environment when null.</param>
    public static bool IsInCluster(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        return !string.IsNullOrEmpty(environment("KUBERNETES_SERVICE_HOST")) && !string.IsNullOrEmpty(environment("KUBERNETES_SERVICE_PORT"));
    }

    /// <summary>Builds the in-cluster configuration.</summary>
    /// <param name="serviceAccountDirectory">Directory holding <c>token</c>, <c>ca.crt</c> and <c>namespace</c>.</param>
    /// <param name="environment">Reads an environment variable; the process environment when null.</param>
    public static KubernetesClientConfiguration Load(string? serviceAccountDirectory = null, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        serviceAccountDirectory ??= DefaultServiceAccountDirectory;
        string? host = environment("KUBERNETES_SERVICE_HOST");
        string? port = environment("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            throw new KubeconfigException("Not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must both be set.");
        }

        // net.JoinHostPort brackets IPv6 literals.
        string authority = IPAddress.TryParse(host, out IPAddress? address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{host}]:{port}"
            : $"{host}:{port}";

        string tokenFile = Path.Combine(serviceAccountDirectory, "token");
        if (!File.Exists(tokenFile))
        {
            throw new KubeconfigException($"The service account token '{tokenFile}' does not exist.");
        }

        string caFile = Path.Combine(serviceAccountDirectory, "ca.crt");
        if (!File.Exists(caFile))
        {
            throw new KubeconfigException($"The service account CA '{caFile}' does not exist.");
        }

        string namespaceFile = Path.Combine(serviceAccountDirectory, "namespace");
        string? ns = environment("POD_NAMESPACE");
        if (string.IsNullOrEmpty(ns) && File.Exists(namespaceFile))
        {
            ns = File.ReadAllText(namespaceFile).Trim();
        }

        return new KubernetesClientConfiguration
        {
            Server = new Uri("https://" + authority),
            Namespace = string.IsNullOrEmpty(ns) ? "default" : ns,
            CertificateAuthorities = PemCertificates.LoadBundle(File.ReadAllText(caFile)),
            TokenFile = tokenFile,
        };
    }
}
