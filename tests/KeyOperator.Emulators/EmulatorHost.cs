// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KeyOperator.Emulators;

/// <summary>
/// Hosts an emulator's routes on 127.0.0.1 with a free port over HTTPS (or plain HTTP when asked, for the
/// insecure-endpoint tests), with its own CA whose PEM a test puts in a <c>caBundle</c>.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorHost(WebApplication app, EmulatorCertificates? certificates, Uri baseAddress)
    {
        _app = app;
        Certificates = certificates;
        BaseAddress = baseAddress;
    }

    /// <summary>The emulator's base URL, ending in a slash.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The TLS certificates (null over plain HTTP).</summary>
    public EmulatorCertificates? Certificates { get; }

    /// <summary>The CA PEM to trust (empty over plain HTTP).</summary>
    public string CaPem => Certificates?.CaPem ?? string.Empty;

    /// <summary>Starts an emulator.</summary>
    /// <param name="name">Its name (certificate common name).</param>
    /// <param name="map">Adds its routes.</param>
    /// <param name="https">Whether to serve HTTPS (default) or plain HTTP.</param>
    /// <returns>The started host.</returns>
    public static async Task<EmulatorHost> StartAsync(string name, Action<WebApplication> map, bool https = true)
    {
        ArgumentNullException.ThrowIfNull(map);
        EmulatorCertificates? certificates = https ? EmulatorCertificates.Create(name) : null;
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            if (certificates is not null)
            {
                listen.UseHttps(certificates.Server);
            }
        }));
        WebApplication app = builder.Build();
        map(app);
        await app.StartAsync().ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Uri baseAddress = new(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        return new EmulatorHost(app, certificates, baseAddress);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Certificates?.Dispose();
    }
}
