// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using KeyOperator.Operator.Admission.Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace KeyOperator.Operator.Admission.Server;

/// <summary>Adds the webhook's HTTPS listener to Kestrel.</summary>
internal sealed class AdmissionKestrelSetup(IOptions<AdmissionOptions> options, IServingCertificateProvider provider)
    : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions kestrel)
    {
        AdmissionOptions admission = options.Value;
        if (!admission.ConfigureKestrel)
        {
            return;
        }

        if (string.IsNullOrEmpty(admission.ListenAddress))
        {
            // Falls back to IPv4 where the node has no IPv6.
            kestrel.ListenAnyIP(admission.Port, listen => listen.UseAdmissionHttps(provider));
        }
        else
        {
            kestrel.Listen(IPAddress.Parse(admission.ListenAddress), admission.Port, listen => listen.UseAdmissionHttps(provider));
        }
    }
}
