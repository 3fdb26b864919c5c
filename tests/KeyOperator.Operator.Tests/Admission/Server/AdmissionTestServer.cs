// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using KeyOperator.Operator.Admission;
using KeyOperator.Operator.Admission.Certificates;
using KeyOperator.Operator.Admission.Policy;
using KeyOperator.Operator.Admission.Validation;
using KeyOperator.Operator.Tests.Admission.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KeyOperator.Operator.Tests.Admission.Server;

/// <summary>The webhook as the operator hosts it: Kestrel over real HTTPS on 127.0.0.1, a free port.</summary>
internal sealed class AdmissionTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AdmissionTestServer(WebApplication app, FakeLookups lookups, Uri baseAddress)
    {
        _app = app;
        Lookups = lookups;
        BaseAddress = baseAddress;
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    LastServerCertificate = certificate is null ? null : new X509Certificate2(certificate);
                    return true;
                },
            },
        };
        Client = new HttpClient(handler) { BaseAddress = baseAddress };
    }

    public FakeLookups Lookups { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public X509Certificate2? LastServerCertificate { get; private set; }

    public static async Task<AdmissionTestServer> StartAsync(
        IServingCertificateProvider? certificates = null,
        AdmissionPolicy? policy = null,
        Action<AdmissionOptions>? configure = null,
        Action<IServiceCollection>? services = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        var lookups = new FakeLookups();
        if (services is not null)
        {
            services(builder.Services);
        }
        else
        {
            builder.Services.AddSingleton(certificates ?? new FixedCertificateProvider(TestCertificates.Serving()));
        }

        builder.Services.AddSingleton<IAdmissionPolicyProvider>(new StaticAdmissionPolicyProvider(policy ?? AdmissionPolicy.Empty));
        builder.Services.AddSingleton<IManagedSecretLookup>(lookups);
        builder.Services.AddSingleton<IRotationPolicyLookup>(lookups);
        builder.Services.AddSingleton<INamespaceLabelLookup>(lookups);
        builder.Services.AddKeyOperatorAdmission(options =>
        {
            options.Port = 0;
            options.ListenAddress = "127.0.0.1";
            configure?.Invoke(options);
        });
        WebApplication app = builder.Build();
        app.MapKeyOperatorAdmission();
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new AdmissionTestServer(app, lookups, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
