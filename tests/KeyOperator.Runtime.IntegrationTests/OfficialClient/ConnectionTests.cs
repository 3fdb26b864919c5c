// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using k8s;
using KeyOperator.Runtime.Client;

namespace KeyOperator.Runtime.IntegrationTests.OfficialClient;

/// <summary>
/// Connecting the official client to the local control plane with its own kubeconfig, token and CA, which an external
/// cluster does not hand out (ported from KeyOperator.Kubernetes.Tests); and the HTTP version they agree on.
/// </summary>
public sealed class ConnectionTests
{
    [Fact]
    public async Task KubeconfigFile_WrittenByControlPlane_Connects()
    {
        await using var cluster = await TestCluster.StartLocalAsync();
        var path = Path.Combine(Path.GetTempPath(), $"keyop-kubeconfig-{Guid.NewGuid():N}");
        await cluster.Plane.WriteKubeconfigAsync(path);
        try
        {
            var configuration = KubernetesConfigurationLoader.Load(path);
            using var client = new k8s.Kubernetes(configuration);

            var ns = await client.CoreV1.ReadNamespaceAsync("default");

            Assert.Equal("default", ns.Metadata.Name);
            Assert.Equal("default", configuration.Namespace ?? "default");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task WrongToken_AnyVerb_UnauthorizedWithoutEchoingTheToken()
    {
        await using var cluster = await TestCluster.StartLocalAsync();
        var configuration = cluster.Configuration();
        configuration.AccessToken = "wrong-token";
        var client = cluster.CreateClient(configuration, new KubernetesClientOptions(), TimeProvider.System);

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => client.CoreV1.ListNamespacedSecretAsync("default"));

        Assert.Equal(401, KubernetesErrors.StatusCode(ex));
        Assert.Equal("Unauthorized", KubernetesErrors.Status(ex)?.Reason);
        Assert.DoesNotContain("wrong-token", KubernetesErrors.Message(ex), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SystemTrustOnly_SelfSignedServer_FailsTls()
    {
        await using var cluster = await TestCluster.StartLocalAsync();
        var configuration = new KubernetesClientConfiguration { Host = cluster.Plane.BaseAddress.ToString(), AccessToken = cluster.Plane.Token };
        var client = cluster.CreateClient(configuration, new KubernetesClientOptions { MaxRetries = 0 }, TimeProvider.System);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.CoreV1.ReadNamespaceAsync("default"));
    }

    [Fact]
    public async Task HttpVersion_LibraryAsksForHttp2_LocalControlPlaneAnswersHttp11ForRequestsAndWatches()
    {
        // The library sets HttpRequestMessage.Version = 2.0 (with the default RequestVersionOrLower policy), so over
        // TLS ALPN offers h2 and http/1.1; the control plane's Kestrel listens with HttpProtocols.Http1 only, so every
        // response, watches included, is HTTP/1.1. A real API server would answer h2.
        await using var cluster = await TestCluster.StartLocalAsync();
        await cluster.CreateConfigMapAsync("a");
        using var cts = new CancellationTokenSource(Eventually.Timeout);

        await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync("a", cluster.Namespace);
        var (type, _) = await WatchTests.FirstAsync(cluster.Client.CoreV1.WatchListNamespacedConfigMapAsync(cluster.Namespace, cancellationToken: cts.Token));

        Assert.Equal(WatchEventType.Added, type);
        var get = cluster.Requests.Single(r => r.Verb == "get");
        var watch = cluster.Requests.Single(r => r.Verb == "watch");
        Assert.Equal(HttpVersion.Version20, get.RequestVersion);
        Assert.Equal(HttpVersion.Version11, get.ResponseVersion);
        Assert.Equal(HttpVersion.Version20, watch.RequestVersion);
        Assert.Equal(HttpVersion.Version11, watch.ResponseVersion);
    }
}
