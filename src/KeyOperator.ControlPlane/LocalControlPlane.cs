// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Api;
using KeyOperator.ControlPlane.Discovery;
using KeyOperator.ControlPlane.Hooks;
using KeyOperator.ControlPlane.Hosting;
using KeyOperator.ControlPlane.Http;
using KeyOperator.ControlPlane.Resources;
using KeyOperator.ControlPlane.Storage;
using KeyOperator.ControlPlane.Tables;
using KeyOperator.ControlPlane.Tokens;
using KeyOperator.ControlPlane.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyOperator.ControlPlane;

/// <summary>
/// An in-process API server speaking the Kubernetes REST protocol over HTTPS on 127.0.0.1, faithful enough for the
/// real kubectl and our own client: the bed for integration tests and for <c>make dev</c>. See docs/control-plane.md.
/// </summary>
public sealed class LocalControlPlane : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ServerCertificates _certificates;
    private readonly ObjectStore _store;
    private readonly ServiceAccountKey _serviceAccountKey;
    private readonly ServiceAccountTokens _serviceAccountTokens;
    private int _disposed;

    private LocalControlPlane(
        WebApplication app, ServerCertificates certificates, ObjectStore store, ObjectApi api, FaultInjector faults, Uri baseAddress, string token,
        ServiceAccountKey serviceAccountKey, ServiceAccountTokens serviceAccountTokens)
    {
        _app = app;
        _certificates = certificates;
        _store = store;
        _serviceAccountKey = serviceAccountKey;
        _serviceAccountTokens = serviceAccountTokens;
        Api = api;
        Faults = faults;
        BaseAddress = baseAddress;
        Token = token;
        CaCertificatePem = certificates.CaPem;
        KubeconfigYaml = KubeconfigBuilder.Build(baseAddress, CaCertificatePem, token);
    }

    /// <summary>The server's address, such as <c>https://127.0.0.1:43121/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The bearer token the server accepts; every other request gets 401.</summary>
    public string Token { get; }

    /// <summary>PEM of the CA that signed the serving certificate (SANs 127.0.0.1 and localhost).</summary>
    public string CaCertificatePem { get; }

    /// <summary>A complete kubeconfig: cluster with embedded CA, user with the token, context <c>keyop-local</c>.</summary>
    public string KubeconfigYaml { get; }

    /// <summary>
    /// The <c>iss</c> of service-account tokens, the issuer of <c>/.well-known/openid-configuration</c> and the API
    /// server's audience (a TokenRequest without audiences gets it): <see cref="LocalControlPlaneOptions.ServiceAccountIssuer"/>,
    /// or by default the base address without its trailing slash, such as <c>https://127.0.0.1:43121</c>.
    /// </summary>
    public string ServiceAccountIssuer => _serviceAccountTokens.Issuer;

    /// <summary>The <c>kid</c> of the key that signs service-account tokens (base64url SHA-256 of its PKIX DER public
    /// key, as kube-apiserver derives it); the JWKS at <c>/openid/v1/jwks</c> publishes it.</summary>
    public string ServiceAccountKeyId => _serviceAccountKey.KeyId;

    /// <summary>
    /// Reviews a service-account token as <c>POST /apis/authentication.k8s.io/v1/tokenreviews</c> does (signature,
    /// issuer, expiry, audiences, and that the ServiceAccount still exists with the same uid), without HTTP.
    /// </summary>
    /// <param name="token">The JWT.</param>
    /// <param name="audiences">The audiences the caller identifies as; null or empty means the API server's audience.</param>
    /// <returns>The review's status.</returns>
    public ServiceAccountTokenReview ReviewServiceAccountToken(string token, IReadOnlyList<string>? audiences = null)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _serviceAccountTokens.Review(token, audiences);
    }

    /// <summary>Failure injection for tests: failed or delayed requests, closed watches, compacted history.</summary>
    public FaultInjector Faults { get; }

    // Internal for testing.
    internal ObjectApi Api { get; }

    /// <summary>Starts a control plane with the built-in resources and the <c>default</c> and <c>kube-system</c> namespaces.</summary>
    /// <param name="options">Port, clock, watch history size, token and logging.</param>
    /// <param name="cancellationToken">Cancels the start-up.</param>
    public static async Task<LocalControlPlane> StartAsync(LocalControlPlaneOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateTokenOptions(options);
        var timeProvider = options.TimeProvider;
        var certificates = ServerCertificates.Create(timeProvider.GetUtcNow());
        var token = options.Token ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;

        var registry = new ResourceRegistry();
        foreach (var descriptor in BuiltInResources.All)
        {
            registry.Register(descriptor);
        }

        var store = new ObjectStore(options.WatchHistoryWindow);
        var webhooks = new ValidatingWebhookDispatcher(store, registry, options.WebhookServiceResolver);
        var api = ObjectApi.Create(store, registry, timeProvider, [.. options.AdmissionValidators, webhooks]);
        var faults = new FaultInjector(store);
        var tables = new TableRenderer(timeProvider);
        var bodies = new BodyReader(new ApiMachineryProtobufDecoder());
        var handler = new ResourceHandler(api, bodies, tables, new WatchStreamer(api.Reader, store, tables, timeProvider, options.BookmarkInterval));
        var serviceAccountKey = new ServiceAccountKey();
        var serviceAccountTokens = new ServiceAccountTokens(serviceAccountKey, api.Reader, timeProvider, options.ServiceAccountMaxTokenExpiration);
        var dispatcher = new ApiDispatcher(
            token, registry, new ApiDocuments(registry), handler, new TokenEndpoints(serviceAccountTokens, bodies), serviceAccountTokens, faults,
            loggerFactory.CreateLogger("KeyOperator.ControlPlane"));

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 3 * 1024 * 1024;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.UseHttps(certificates.Serving);
            });
        });
        var app = builder.Build();
        app.Run(dispatcher.HandleAsync);

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            certificates.Dispose();
            serviceAccountKey.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        serviceAccountTokens.SetIssuer(options.ServiceAccountIssuer?.OriginalString ?? $"https://127.0.0.1:{port}");
        var plane = new LocalControlPlane(app, certificates, store, api, faults, new Uri($"https://127.0.0.1:{port}/"), token, serviceAccountKey, serviceAccountTokens);
        await plane.SeedAsync(cancellationToken).ConfigureAwait(false);
        return plane;
    }

    /// <summary>Writes <see cref="KubeconfigYaml"/> to a file (for <c>kubectl --kubeconfig</c>).</summary>
    /// <param name="path">Destination file; its directory must exist.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public Task WriteKubeconfigAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return File.WriteAllTextAsync(path, KubeconfigYaml, cancellationToken);
    }

    /// <summary>An HttpClient that trusts only this server's CA and sends the bearer token.</summary>
    /// <returns>A new client; the caller disposes it.</returns>
    public HttpClient CreateHttpClient()
    {
        var ca = X509CertificateLoader.LoadCertificate(_certificates.Ca.RawData);
        var handler = new SocketsHttpHandler
        {
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    if (certificate is null)
                    {
                        return false;
                    }

                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                    return chain.Build(leaf);
                },
            },
        };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    /// <summary>Stops the server and ends every open watch.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        lock (_store.Sync)
        {
            _store.CloseAllWatchers(null);
        }

        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _certificates.Dispose();
        _serviceAccountKey.Dispose();
    }

    private static void ValidateTokenOptions(LocalControlPlaneOptions options)
    {
        // kube-apiserver refuses to serve OIDC discovery for an issuer that is not an https URL, and a verifier
        // fetches {iss}/.well-known/openid-configuration, so only such issuers are accepted.
        if (options.ServiceAccountIssuer is { } issuer
            && (!issuer.IsAbsoluteUri || issuer.Scheme != Uri.UriSchemeHttps || issuer.Query.Length > 0 || issuer.Fragment.Length > 0 || issuer.UserInfo.Length > 0))
        {
            throw new ArgumentException("ServiceAccountIssuer must be an absolute https URL without user info, query or fragment.", nameof(options));
        }

        if (options.ServiceAccountMaxTokenExpiration < TimeSpan.FromMinutes(10))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ServiceAccountMaxTokenExpiration, "ServiceAccountMaxTokenExpiration must be at least 10 minutes.");
        }
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var name in new[] { "default", "kube-system" })
        {
            var ns = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } };
            var options = new RequestOptions { FieldManager = "keyop-local", FieldManagerGiven = true };
            await Api.Writer.CreateAsync(BuiltInResources.Namespaces, null, ns, options, cancellationToken).ConfigureAwait(false);
        }
    }
}
