// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Authentication;
using KeyOperator.Operator.Admission.Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace KeyOperator.Operator.Admission;

/// <summary>TLS for the webhook listener.</summary>
internal static class AdmissionKestrelExtensions
{
    /// <summary>
    /// HTTPS with TLS 1.2 or 1.3 and the provider's current certificate, chosen per handshake so renewals apply
    /// without restarting the listener.
    /// </summary>
    public static ListenOptions UseAdmissionHttps(this ListenOptions listenOptions, IServingCertificateProvider provider)
    {
        ArgumentNullException.ThrowIfNull(listenOptions);
        ArgumentNullException.ThrowIfNull(provider);
        listenOptions.Protocols = HttpProtocols.Http1AndHttp2;
        return listenOptions.UseHttps(new HttpsConnectionAdapterOptions
        {
            SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ClientCertificateMode = ClientCertificateMode.NoCertificate,
            ServerCertificateSelector = (_, _) => provider.Current,
        });
    }
}
