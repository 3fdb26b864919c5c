// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using KeyOperator.Operator.Admission.Certificates;
using KeyOperator.Operator.Tests.Admission.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace KeyOperator.Operator.Tests.Admission.Server;

public sealed class SelfManagedTlsTests
{
    [Fact]
    public async Task Handshake_NoCertificateFiles_ServesCertificateTrustedByPublishedCaBundle()
    {
        var store = new InMemorySecretStore();
        var patcher = new RecordingPatcher();
        await using AdmissionTestServer server = await AdmissionTestServer.StartAsync(services: services =>
        {
            services.AddSingleton<ISecretStore>(store);
            services.AddSingleton<IWebhookConfigurationPatcher>(patcher);
        });
        Assert.IsType<SelfManagedServingCertificateProvider>(server.Services.GetRequiredService<IServingCertificateProvider>());
        Assert.NotNull(patcher.CaBundle);

        // Trust exactly what the apiserver would: the caBundle, with the Service's DNS name.
        var roots = new X509Certificate2Collection();
        roots.ImportFromPem(patcher.CaBundle);
        using var client = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = TrustOnly(roots) },

            // The Service name resolves to the test server, as cluster DNS would resolve it to a replica.
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, server.BaseAddress.Port, cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        });
        using HttpResponseMessage response = await client.PostAsync(
            new Uri($"https://key-operator-webhook.key-operator.svc:{server.BaseAddress.Port}/validate/keyoperator.io/v1alpha1/apikey"),
            new StringContent(Reviews.Review(Reviews.ApiKey("{}")).ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static X509ChainPolicy TrustOnly(X509Certificate2Collection roots)
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.AddRange(roots);
        return policy;
    }
}
