// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography.X509Certificates;

namespace KeyOperator.Kubernetes;

/// <summary>
/// Where and how to connect: server, trust, and credentials. Build it with <see cref="KubeconfigLoader"/>,
/// <see cref="InClusterConfigLoader"/>, <see cref="LoadDefault"/>, or an object initializer.
/// <see cref="ToString"/> never prints credentials.
/// </summary>
public sealed record KubernetesClientConfiguration
{
    /// <summary>API server base address, such as <c>https://10.0.0.1:443</c>.</summary>
    public required Uri Server { get; init; }

    /// <summary>Namespace used when a namespaced verb gets no namespace.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>Name of the kubeconfig context this came from, if any.</summary>
    public string? ContextName { get; init; }

    /// <summary>CAs trusted for the server certificate; empty means the system trust store.</summary>
    public IReadOnlyList<X509Certificate2> CertificateAuthorities { get; init; } = [];

    /// <summary>Skip server certificate verification (insecure; for development only).</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>Name the server certificate must match instead of the server's host (SNI still carries the host).</summary>
    public string? TlsServerName { get; init; }

    /// <summary>Client certificate with its private key, for mutual TLS.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>Static bearer token.</summary>
    public string? AccessToken { get; init; }

    /// <summary>File holding a bearer token, re-read every minute (rotated service-account tokens).</summary>
    public string? TokenFile { get; init; }

    /// <summary>Basic-auth user name.</summary>
    public string? Username { get; init; }

    /// <summary>Basic-auth password.</summary>
    public string? Password { get; init; }

    /// <summary>Exec credential plugin that produces tokens or client certificates.</summary>
    public ExecCredentialConfig? Exec { get; init; }

    /// <summary>Creates a configuration for a bearer token and an optional PEM CA bundle.</summary>
    /// <param name="server">Server base address.</param>
    /// <param name="token">Bearer token.</param>
    /// <param name="caCertificatesPem">PEM bundle of CAs to trust; null for the system store.</param>
    public static KubernetesClientConfiguration FromToken(Uri server, string token, string? caCertificatesPem = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentException.ThrowIfNullOrEmpty(token);
        return new KubernetesClientConfiguration
        {
            Server = server,
            AccessToken = token,
            CertificateAuthorities = caCertificatesPem is null ? [] : PemCertificates.LoadBundle(caCertificatesPem),
        };
    }

    /// <summary>
    /// In-cluster configuration when <c>KUBERNETES_SERVICE_HOST</c> and <c>KUBERNETES_SERVICE_PORT</c> are set,
    /// otherwise the current context of <c>$KUBECONFIG</c> or <c>~/.kube/config</c>.
    /// </summary>
    public static KubernetesClientConfiguration LoadDefault() =>
        InClusterConfigLoader.IsInCluster() ? InClusterConfigLoader.Load() : KubeconfigLoader.LoadDefault();

    /// <summary>Describes the target without any credential.</summary>
    public override string ToString() =>
        $"KubernetesClientConfiguration {{ Server = {Server}, Namespace = {Namespace}, Context = {ContextName} }}";
}
