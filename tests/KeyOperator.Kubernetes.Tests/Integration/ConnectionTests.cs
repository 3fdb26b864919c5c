// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.Kubernetes.Errors;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;
using KeyOperator.Kubernetes.Tests.TestSupport;

namespace KeyOperator.Kubernetes.Tests.Integration;

/// <summary>Connects with the local control plane's own token, CA and kubeconfig, which an external cluster does not hand out.</summary>
[Collection(LocalControlPlaneCollection.Name)]
public sealed class ConnectionTests(LocalControlPlaneFixture fixture) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task KubeconfigFile_WrittenByControlPlane_Connects()
    {
        string path = _dir.Combine("config");
        await fixture.ControlPlane.WriteKubeconfigAsync(path);

        using var client = new KubernetesClient(KubeconfigLoader.LoadFiles([path]));

        Assert.NotEmpty((await client.ListAsync(ResourceType.Namespaces, null, KubernetesJsonContext.Default.KubernetesListNamespace)).Items);
    }

    [Fact]
    public async Task FromToken_WithControlPlaneCa_Connects()
    {
        using var client = new KubernetesClient(KubernetesClientConfiguration.FromToken(
            fixture.ControlPlane.BaseAddress, fixture.ControlPlane.Token, fixture.ControlPlane.CaCertificatePem));

        Namespace ns = await client.GetAsync(ResourceType.Namespaces, null, "default", KubernetesJsonContext.Default.Namespace);

        Assert.Equal("default", ns.Metadata.Name);
    }

    [Fact]
    public async Task SystemTrustOnly_SelfSignedServer_FailsTls()
    {
        using var client = new KubernetesClient(
            new KubernetesClientConfiguration { Server = fixture.ControlPlane.BaseAddress, AccessToken = fixture.ControlPlane.Token },
            new KubernetesClientOptions { MaxRetries = 0 });

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetObjectAsync(ResourceType.Namespaces, null, "default"));
    }

    [Fact]
    public async Task InsecureSkipTlsVerify_SelfSignedServer_Connects()
    {
        using var client = new KubernetesClient(new KubernetesClientConfiguration
        {
            Server = fixture.ControlPlane.BaseAddress,
            AccessToken = fixture.ControlPlane.Token,
            InsecureSkipTlsVerify = true,
        });

        Assert.Equal("default", (string?)(await client.GetObjectAsync(ResourceType.Namespaces, null, "default"))["metadata"]!["name"]);
    }

    [Fact]
    public async Task TlsServerName_Localhost_VerifiesAgainstThatName()
    {
        using var client = new KubernetesClient(KubernetesClientConfiguration.FromToken(
            fixture.ControlPlane.BaseAddress, fixture.ControlPlane.Token, fixture.ControlPlane.CaCertificatePem) with { TlsServerName = "localhost" });
        using var wrong = new KubernetesClient(
            KubernetesClientConfiguration.FromToken(fixture.ControlPlane.BaseAddress, fixture.ControlPlane.Token, fixture.ControlPlane.CaCertificatePem) with { TlsServerName = "pony" },
            new KubernetesClientOptions { MaxRetries = 0 });

        await client.GetObjectAsync(ResourceType.Namespaces, null, "default");
        await Assert.ThrowsAsync<HttpRequestException>(() => wrong.GetObjectAsync(ResourceType.Namespaces, null, "default"));
    }

    [Fact]
    public async Task InCluster_ServiceAccountDirectory_ConnectsWithRotatingTokenFile()
    {
        _dir.WriteFile("sa/token", fixture.ControlPlane.Token);
        _dir.WriteFile("sa/ca.crt", fixture.ControlPlane.CaCertificatePem);
        _dir.WriteFile("sa/namespace", "kube-system");
        Uri server = fixture.ControlPlane.BaseAddress;
        KubernetesClientConfiguration config = InClusterConfigLoader.Load(_dir.Combine("sa"), name => name switch
        {
            "KUBERNETES_SERVICE_HOST" => server.Host,
            "KUBERNETES_SERVICE_PORT" => server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        });

        using var client = new KubernetesClient(config);
        KubernetesList<JsonObject> list = await client.ListObjectsAsync(ResourceType.ConfigMaps, client.DefaultNamespace);

        Assert.Equal("kube-system", client.DefaultNamespace);
        Assert.NotNull(list.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task ExecPlugin_FirstTokenRejected_RerunsPluginOnceAndSucceeds()
    {
        // The plugin hands out a wrong token on its first run and the right one afterwards: the 401 must make the
        // client drop its cached credential, run the plugin again and retry.
        string counter = _dir.Combine("runs");
        string plugin = _dir.WriteScript("plugin.sh", $$$"""
            echo x >> '{{{counter}}}'
            if [ "$(wc -l < '{{{counter}}}')" -eq 1 ]; then t=stale; else t='{{{fixture.ControlPlane.Token}}}'; fi
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}' "$t"
            """);
        KubernetesClientConfiguration config = KubeconfigLoader.LoadYaml(fixture.ControlPlane.KubeconfigYaml) with
        {
            AccessToken = null,
            Exec = new ExecCredentialConfig { Command = plugin, InteractiveMode = "Never" },
        };

        using var client = new KubernetesClient(config);
        await client.GetObjectAsync(ResourceType.Namespaces, null, "default");
        await client.GetObjectAsync(ResourceType.Namespaces, null, "default");

        Assert.Equal(2, File.ReadAllLines(counter).Length);
    }

    [Fact]
    public async Task ExecPlugin_AlwaysWrongToken_ThrowsUnauthorized()
    {
        string plugin = _dir.WriteScript("plugin.sh", """
            echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"nope"}}'
            """);
        KubernetesClientConfiguration config = KubeconfigLoader.LoadYaml(fixture.ControlPlane.KubeconfigYaml) with
        {
            AccessToken = null,
            Exec = new ExecCredentialConfig { Command = plugin },
        };

        using var client = new KubernetesClient(config);

        await Assert.ThrowsAsync<UnauthorizedException>(() => client.GetObjectAsync(ResourceType.Namespaces, null, "default"));
    }
}
