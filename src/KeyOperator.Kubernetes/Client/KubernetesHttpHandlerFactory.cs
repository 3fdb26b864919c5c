// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using KeyOperator.Kubernetes.Authentication;

namespace KeyOperator.Kubernetes;

/// <summary>Creates the TLS-configured handler for a configuration.</summary>
internal static class KubernetesHttpHandlerFactory
{
    public static SocketsHttpHandler Create(KubernetesClientConfiguration configuration, ExecAuthenticator? exec)
    {
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            EnableMultipleHttp2Connections = true,
        };

        SslClientAuthenticationOptions ssl = handler.SslOptions;
        if (!string.IsNullOrEmpty(configuration.TlsServerName))
        {
            ssl.TargetHost = configuration.TlsServerName;
        }

        if (configuration.InsecureSkipTlsVerify)
        {
            ssl.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }
        else if (configuration.CertificateAuthorities.Count > 0)
        {
            X509Certificate2[] roots = [.. configuration.CertificateAuthorities];
            ssl.RemoteCertificateValidationCallback = (_, certificate, _, errors) => ValidateAgainst(roots, certificate, errors);
        }

        if (exec is not null)
        {
            // Exec plugins may hand out (and rotate) client certificates; pick the current one at each handshake.
            ssl.LocalCertificateSelectionCallback = (_, _, _, _, _) => exec.ClientCertificate ?? configuration.ClientCertificate!;
        }
        else if (configuration.ClientCertificate is not null)
        {
            ssl.ClientCertificates = new X509CertificateCollection { configuration.ClientCertificate };
        }

        return handler;
    }

    // Trust only the configured CAs (as client-go does with certificate-authority), still checking the host name.
    private static bool ValidateAgainst(X509Certificate2[] roots, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        if (certificate is X509Certificate2 typed)
        {
            return chain.Build(typed);
        }

        using X509Certificate2 leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }
}
