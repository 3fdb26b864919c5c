// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography.X509Certificates;
using KeyOperator.Kubernetes.Tests.TestSupport;

namespace KeyOperator.Kubernetes.Tests.Connection;

public sealed class KubeconfigLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public KubeconfigLoaderTests()
    {
        // The C# client's samples reference their certificates both as "assets/x" (relative to its test folder) and
        // as "x"; copying the folder to ./ and ./assets/ lets both resolve against the kubeconfig's directory.
        string source = Fixtures.Path("kubeconfig-csharp-client");
        Directory.CreateDirectory(_dir.Combine("assets"));
        foreach (string file in Directory.GetFiles(source))
        {
            File.Copy(file, _dir.Combine(Path.GetFileName(file)));
            File.Copy(file, _dir.Combine("assets", Path.GetFileName(file)));
        }

        File.Copy(Fixtures.Path("doc-extracts", "kubeconfig-exec-plugin-v1.yaml"), _dir.Combine("kubeconfig-exec-plugin-v1.yaml"));
    }

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("kubeconfig.yml", null, "https://horse.org:4443/", "chisel-ns")]
    [InlineData("kubeconfig.yml", "queen-anne-context", "https://pig.org/", "saw-ns")]
    [InlineData("kubeconfig.yml", "victorian-context", "https://llama.org/", "saw-ns")]
    [InlineData("kubeconfig.yml", "elliptic-context", "https://llama.org/", "saw-ns")]
    [InlineData("kubeconfig.additional-properties.yml", null, "https://horse.org:4443/", "chisel-ns")]
    [InlineData("kubeconfig.as-user-extra.yml", null, "https://10.20.0.56:8443/", "default")]
    [InlineData("kubeconfig.cluster-extensions.yml", null, "https://192.168.49.2:8443/", "default")]
    [InlineData("kubeconfig.multi-ca-file.yml", null, "https://multi-ca-file-test.example.com:6443/", "default")]
    [InlineData("kubeconfig.multi-ca.yml", null, "https://multi-ca-test.example.com:6443/", "default")]
    [InlineData("kubeconfig.no-credentials.yml", null, "https://horse.org:4443/", "chisel-ns")]
    [InlineData("kubeconfig.no-user.yml", null, "https://horse.org:4443/", "chisel-ns")]
    [InlineData("kubeconfig.relative.yml", null, "https://horse.org:4443/", "chisel-ns")]
    [InlineData("kubeconfig.tls-no-skip.yml", null, "https://horse.org/", "chisel-ns")]
    [InlineData("kubeconfig.tls-servername.yml", null, "https://horse.org/", "chisel-ns")]
    [InlineData("kubeconfig.tls-skip-http.yml", null, "http://horse.org/", "chisel-ns")]
    [InlineData("kubeconfig.tls-skip.yml", null, "https://horse.org/", "chisel-ns")]
    [InlineData("kubeconfig.user-oidc.yml", null, "https://horse.org:4443/", "chisel-ns")]
    [InlineData("kubeconfig.user-pass.yml", null, "https://horse.org:4443/", "chisel-ns")]
    [InlineData("kubeconfig.wildcard-ipv4.yml", null, "https://0.0.0.0/", "chisel-ns")]
    [InlineData("kubeconfig.wildcard-ipv6.yml", null, "https://[::]/", "chisel-ns")]
    [InlineData("kubeconfig.wildcard-ipv6_2.yml", null, "https://[::]/", "chisel-ns")]
    public void LoadFiles_ValidSample_Loads(string file, string? context, string server, string ns)
    {
        KubernetesClientConfiguration config = KubeconfigLoader.LoadFiles([_dir.Combine(file)], context);

        Assert.Equal(server, config.Server.ToString());
        Assert.Equal(ns, config.Namespace);
    }

    [Theory]
    [InlineData("kubeconfig.no-cluster.yml", "Cluster 'horse-cluster' (named by context 'federal-context') is not defined")]
    [InlineData("kubeconfig.cluster-missmatch.yml", "Cluster 'horse-cluster' (named by context 'federal-context') is not defined")]
    [InlineData("kubeconfig.no-context.yml", "Context 'federal-context' is not defined")]
    [InlineData("kubeconfig.no-context-details.yml", "Context 'federal-context' names no cluster")]
    [InlineData("kubeconfig.no-current-context.yml", "sets no current-context")]
    [InlineData("kubeconfig.no-server.yml", "Cluster 'horse-cluster' has no server")]
    [InlineData("kubeconfig.user-not-found.yml", "User 'green-user' (named by context 'federal-context') is not defined")]
    [InlineData("kubeconfig.preferences-extensions.yml", "sets no current-context")]
    [InlineData("kubeconfig-exec-plugin-v1.yaml", "certificate-authority file '/etc/kubernetes/ca.pem'")]
    public void LoadFiles_BrokenSample_FailsWithClearError(string file, string expectedMessage)
    {
        var ex = Assert.Throws<KubeconfigException>(() => KubeconfigLoader.LoadFiles([_dir.Combine(file)]));

        Assert.Contains(expectedMessage, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFiles_TokenUser_SetsBearerToken()
    {
        KubernetesClientConfiguration config = KubeconfigLoader.LoadFiles([_dir.Combine("kubeconfig.yml")], "queen-anne-context");

        Assert.Equal("black-token", config.AccessToken);
        Assert.True(config.InsecureSkipTlsVerify);
        Assert.Null(config.ClientCertificate);
    }

    [Theory]
    [InlineData("federal-context")]
    [InlineData("victorian-context")]
    [InlineData("elliptic-context")]
    public void LoadFiles_ClientCertificateUser_LoadsCertificateWithPrivateKey(string context)
    {
        KubernetesClientConfiguration config = KubeconfigLoader.LoadFiles([_dir.Combine("kubeconfig.yml")], context);

        Assert.NotNull(config.ClientCertificate);
        Assert.True(config.ClientCertificate.HasPrivateKey);
    }

    [Fact]
    public void LoadFiles_EllipticKey_LoadsEcdsaCertificate()
    {
        KubernetesClientConfiguration config = KubeconfigLoader.LoadFiles([_dir.Combine("kubeconfig.yml")], "elliptic-context");

        Assert.NotNull(config.ClientCertificate?.GetECDsaPrivateKey());
    }

    [Fact]
    public void LoadFiles_CaFileAndCaData_LoadTrustAnchors()
    {
        KubernetesClientConfiguration fromFile = KubeconfigLoader.LoadFiles([_dir.Combine("kubeconfig.yml")], "federal-context");
        KubernetesClientConfiguration fromData = KubeconfigLoader.LoadFiles([_dir.Combine("kubeconfig.yml")], "victorian-context");
        KubernetesClientConfiguration bundle = KubeconfigLoader.LoadFiles([_dir.Combine("kubeconfig.multi-ca-file.yml")]);
        KubernetesClientConfiguration bundleData = KubeconfigLoader.LoadFiles([_dir.Combine("kubeconfig.multi-ca.yml")]);

        Assert.Single(fromFile.CertificateAuthorities);
        Assert.Single(fromData.CertificateAuthorities);
        Assert.True(bundle.CertificateAuthorities.Count > 1);
        Assert.True(bundleData.CertificateAuthorities.Count > 1);
    }

    [Fact]
    public void LoadFiles_TlsServerName_IsKept()
    {
        KubernetesClientConfiguration config = KubeconfigLoader.LoadFiles([_dir.Combine("kubeconfig.tls-servername.yml")]);

        Assert.Equal("pony", config.TlsServerName);
    }

    [Fact]
    public void LoadFiles_BasicAuthAndOidc_SetCredentials()
    {
        KubernetesClientConfiguration basic = KubeconfigLoader.LoadFiles([_dir.Combine("kubeconfig.user-pass.yml")]);
        KubernetesClientConfiguration oidc = KubeconfigLoader.LoadFiles([_dir.Combine("kubeconfig.user-oidc.yml")]);

        Assert.Equal(("admin", "secret"), (basic.Username, basic.Password));
        Assert.Equal("ID_TOKEN", oidc.AccessToken);
    }

    [Fact]
    public void LoadFiles_SeveralFiles_FirstDefinitionWins()
    {
        string first = _dir.WriteFile("first.yaml", """
            current-context: a
            contexts:
            - name: a
              context: {cluster: c, user: u, namespace: first-ns}
            clusters:
            - name: c
              cluster: {server: "https://first.example:6443"}
            """);
        string second = _dir.WriteFile("second.yaml", """
            current-context: b
            contexts:
            - name: a
              context: {cluster: c, user: u, namespace: second-ns}
            - name: b
              context: {cluster: c}
            clusters:
            - name: c
              cluster: {server: "https://second.example:6443"}
            users:
            - name: u
              user: {tokenFile: token}
            """);

        KubernetesClientConfiguration config = KubeconfigLoader.LoadFiles([first, second]);

        Assert.Equal("a", config.ContextName);
        Assert.Equal("first-ns", config.Namespace);
        Assert.Equal("https://first.example:6443/", config.Server.ToString());
        Assert.Equal(_dir.Combine("token"), config.TokenFile);
    }

    [Fact]
    public void LoadDefault_KubeconfigPathList_SkipsMissingFilesAndMerges()
    {
        string variable = string.Join(Path.PathSeparator, _dir.Combine("missing.yaml"), _dir.Combine("kubeconfig.tls-skip.yml"), _dir.Combine("kubeconfig.yml"));

        KubernetesClientConfiguration config = KubeconfigLoader.LoadDefault("queen-anne-context", variable, _dir.FullPath);

        // queen-anne-context only exists in the second file; its pig-cluster only there too.
        Assert.Equal("https://pig.org/", config.Server.ToString());
        Assert.Equal("black-token", config.AccessToken);
    }

    [Fact]
    public void LoadDefault_NoVariable_ReadsHomeKubeConfig()
    {
        Directory.CreateDirectory(_dir.Combine(".kube"));
        File.Copy(_dir.Combine("kubeconfig.tls-skip.yml"), _dir.Combine(".kube", "config"));

        KubernetesClientConfiguration config = KubeconfigLoader.LoadDefault(null, null, _dir.FullPath);

        Assert.Equal("federal-context", config.ContextName);
    }

    [Fact]
    public void LoadDefault_OnlyMissingFiles_Fails()
    {
        Assert.Throws<KubeconfigException>(() => KubeconfigLoader.LoadDefault(null, _dir.Combine("nope"), _dir.FullPath));
    }

    [Fact]
    public void LoadFiles_ExecUser_ParsesPluginAndResolvesRelativeCommand()
    {
        string path = _dir.WriteFile("exec.yaml", File.ReadAllText(_dir.Combine("kubeconfig-exec-plugin-v1.yaml"))
            .Replace("certificate-authority: \"/etc/kubernetes/ca.pem\"", "insecure-skip-tls-verify: true", StringComparison.Ordinal)
            .Replace("command: \"example-client-go-exec-plugin\"", "command: \"./bin/plugin\"", StringComparison.Ordinal));

        ExecCredentialConfig? exec = KubeconfigLoader.LoadFiles([path]).Exec;

        Assert.NotNull(exec);
        Assert.Equal(_dir.Combine("bin", "plugin"), exec.Command);
        Assert.Equal(["arg1", "arg2"], exec.Arguments);
        Assert.Equal("bar", exec.Environment["FOO"]);
        Assert.True(exec.ProvideClusterInfo);
        Assert.Equal("Never", exec.InteractiveMode);
    }

    [Fact]
    public void ToString_WithCredentials_DoesNotPrintThem()
    {
        KubernetesClientConfiguration config = KubeconfigLoader.LoadFiles([_dir.Combine("kubeconfig.user-pass.yml")]) with { AccessToken = "super-secret-token" };

        Assert.DoesNotContain("secret", config.ToString(), StringComparison.Ordinal);
    }
}
