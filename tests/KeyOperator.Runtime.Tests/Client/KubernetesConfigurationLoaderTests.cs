// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using k8s;
using KeyOperator.Runtime.Client;

namespace KeyOperator.Runtime.Tests.Client;

/// <summary>
/// The kubeconfig path of <see cref="KubernetesConfigurationLoader"/> parses with our reader (for memory) and hands
/// the result to the library; these tests hold it to what the library's own loader builds from the same file.
/// </summary>
public sealed class KubernetesConfigurationLoaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("keyop-kubeconfig-").FullName;

    public static TheoryData<string> Kubeconfigs => new()
    {
        """
        apiVersion: v1
        kind: Config
        current-context: dev
        clusters:
        - name: local
          cluster:
            server: https://127.0.0.1:6443
            insecure-skip-tls-verify: true
        users:
        - name: admin
          user:
            token: abc.def
        contexts:
        - name: dev
          context: {cluster: local, user: admin, namespace: team-a}
        """,
        """
        apiVersion: v1
        kind: Config
        current-context: basic
        clusters:
        - name: c
          cluster: {server: "https://k8s.example:443", tls-server-name: api.internal, insecure-skip-tls-verify: true}
        users:
        - name: u
          user: {username: alice, password: s3cret}
        contexts:
        - name: basic
          context: {cluster: c, user: u}
        """,
    };

    [Theory]
    [MemberData(nameof(Kubeconfigs))]
    public void Load_Kubeconfig_BuildsWhatTheLibraryLoaderBuilds(string yaml)
    {
        string path = Write("config", yaml);

        KubernetesClientConfiguration ours = KubernetesConfigurationLoader.Load(path);
        KubernetesClientConfiguration library = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);

        Assert.Equal(library.Host, ours.Host);
        Assert.Equal(library.Namespace, ours.Namespace);
        Assert.Equal(library.AccessToken, ours.AccessToken);
        Assert.Equal(library.Username, ours.Username);
        Assert.Equal(library.Password, ours.Password);
        Assert.Equal(library.SkipTlsVerify, ours.SkipTlsVerify);
        Assert.Equal(library.TlsServerName, ours.TlsServerName);
        Assert.Equal(library.CurrentContext, ours.CurrentContext);
    }

    [Fact]
    public void Load_ContextOverride_UsesThatContextsClusterUserAndNamespace()
    {
        string path = Write("config", """
            current-context: a
            clusters:
            - {name: one, cluster: {server: "https://one:6443"}}
            - {name: two, cluster: {server: "https://two:6443"}}
            users:
            - {name: ua, user: {token: token-a}}
            - {name: ub, user: {token: token-b}}
            contexts:
            - {name: a, context: {cluster: one, user: ua}}
            - {name: b, context: {cluster: two, user: ub, namespace: other}}
            """);

        KubernetesClientConfiguration configuration = KubernetesConfigurationLoader.Load(path, "b");

        Assert.Equal("https://two:6443", configuration.Host.TrimEnd('/'));
        Assert.Equal("token-b", configuration.AccessToken);
        Assert.Equal("other", configuration.Namespace);
    }

    [Fact]
    public void Load_RelativeCertificatePaths_ResolvedAgainstTheKubeconfigsDirectory()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 certificate = new CertificateRequest("CN=test", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        Directory.CreateDirectory(Path.Combine(_directory, "pki"));
        File.WriteAllText(Path.Combine(_directory, "pki", "ca.crt"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_directory, "pki", "client.crt"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_directory, "pki", "client.key"), key.ExportPkcs8PrivateKeyPem());
        string path = Write("config", """
            current-context: x
            clusters:
            - {name: c, cluster: {server: "https://127.0.0.1:6443", certificate-authority: pki/ca.crt}}
            users:
            - {name: u, user: {client-certificate: pki/client.crt, client-key: pki/client.key}}
            contexts:
            - {name: x, context: {cluster: c, user: u}}
            """);

        KubernetesClientConfiguration configuration = KubernetesConfigurationLoader.Load(path);

        Assert.Equal(Path.Combine(_directory, "pki", "client.crt"), configuration.ClientCertificateFilePath);
        Assert.Equal(Path.Combine(_directory, "pki", "client.key"), configuration.ClientKeyFilePath);
        Assert.Equal(certificate.Thumbprint, Assert.Single(configuration.SslCaCerts!).Thumbprint);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Load_ExecPlugin_PassedToTheLibraryWhichRunsIt()
    {
        string plugin = Write("plugin.sh", """
            #!/bin/sh
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"from-%s"}}' "$PLUGIN_VAR"
            """);
        File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string path = Write("config", $$$"""
            current-context: x
            clusters:
            - {name: c, cluster: {server: "https://127.0.0.1:6443"}}
            users:
            - name: u
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: {{{plugin}}}
                  args: ["--ignored"]
                  env:
                  - {name: PLUGIN_VAR, value: exec}
            contexts:
            - {name: x, context: {cluster: c, user: u}}
            """);

        KubernetesClientConfiguration ours = KubernetesConfigurationLoader.Load(path);
        KubernetesClientConfiguration library = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);

        // The plugin ran (with its env) for both loaders, whichever way the library exposes the token.
        Assert.Equal(library.AccessToken, ours.AccessToken);
        Assert.Equal(library.TokenProvider is null, ours.TokenProvider is null);
        Assert.True(ours.AccessToken == "from-exec" || ours.TokenProvider is not null, "the exec plugin's token reaches the configuration");
    }

    [Theory]
    [InlineData("clusters: [unclosed", "not valid YAML")]
    [InlineData("- just\n- a list\n", "not a kubeconfig")]
    [InlineData("clusters: {name: c}\n", "clusters must be a list")]
    [InlineData("clusters:\n- cluster: {server: \"https://x\"}\n", "clusters[].name must be a name")]
    [InlineData("clusters:\n- {name: c, cluster: {server: \"https://x\", insecure-skip-tls-verify: maybe}}\n", "insecure-skip-tls-verify must be true or false")]
    public void Load_MalformedKubeconfig_FormatExceptionNamingFileAndField(string yaml, string expected)
    {
        string path = Write("broken", yaml);

        FormatException error = Assert.Throws<FormatException>(() => KubernetesConfigurationLoader.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string yaml)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllText(path, yaml);
        return path;
    }
}
