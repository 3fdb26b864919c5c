// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Kubernetes.Tests.TestSupport;

namespace KeyOperator.Kubernetes.Tests.Connection;

public sealed class InClusterConfigLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public InClusterConfigLoaderTests()
    {
        _dir.WriteFile("token", "sa-token\n");
        _dir.WriteFile("ca.crt", File.ReadAllText(Fixtures.Path("kubeconfig-csharp-client", "ca.crt")));
        _dir.WriteFile("namespace", "operators\n");
    }

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("10.0.0.1", "443", "https://10.0.0.1/")]
    [InlineData("10.0.0.1", "6443", "https://10.0.0.1:6443/")]
    [InlineData("fd00::1", "443", "https://[fd00::1]/")]
    [InlineData("kubernetes.default.svc", "8443", "https://kubernetes.default.svc:8443/")]
    public void Load_ServiceVariables_BuildsServerUrl(string host, string port, string expected)
    {
        KubernetesClientConfiguration config = InClusterConfigLoader.Load(_dir.FullPath, Env(host, port));

        Assert.Equal(expected, config.Server.ToString());
        Assert.Equal(_dir.Combine("token"), config.TokenFile);
        Assert.Single(config.CertificateAuthorities);
    }

    [Fact]
    public void Load_NamespaceFile_UsedUnlessPodNamespaceSet()
    {
        Assert.Equal("operators", InClusterConfigLoader.Load(_dir.FullPath, Env("10.0.0.1", "443")).Namespace);
        Assert.Equal("override", InClusterConfigLoader.Load(_dir.FullPath, Env("10.0.0.1", "443", "override")).Namespace);
    }

    [Theory]
    [InlineData(null, "443")]
    [InlineData("10.0.0.1", null)]
    [InlineData("", "")]
    public void IsInCluster_MissingVariable_False(string? host, string? port)
    {
        Assert.False(InClusterConfigLoader.IsInCluster(Env(host, port)));
        Assert.Throws<KubeconfigException>(() => InClusterConfigLoader.Load(_dir.FullPath, Env(host, port)));
    }

    [Fact]
    public void Load_MissingToken_FailsClearly()
    {
        File.Delete(_dir.Combine("token"));

        var ex = Assert.Throws<KubeconfigException>(() => InClusterConfigLoader.Load(_dir.FullPath, Env("10.0.0.1", "443")));

        Assert.Contains("token", ex.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Env(string? host, string? port, string? podNamespace = null) => name => name switch
    {
        "KUBERNETES_SERVICE_HOST" => host,
        "KUBERNETES_SERVICE_PORT" => port,
        "POD_NAMESPACE" => podNamespace,
        _ => null,
    };
}
