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
        if (configuration.InsecureSkipTlsVerify)
        {
            ssl.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }
        else if (configuration.CertificateAuthorities.Count > 0 || !string.IsNullOrEmpty(configuration.TlsServerName))
        {
            X509Certificate2[] roots = [.. configuration.CertificateAuthorities];
            string? serverName = string.IsNullOrEmpty(configuration.TlsServerName) ? null : configuration.TlsServerName;
            ssl.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(roots, serverName, certificate, errors);
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

    // Trust only the configured CAs (as client-go does with certificate-authority), and check the certificate against
    // tls-server-name when one is set. SocketsHttpHandler always sends the URL's host as SNI (it overrides
    // SslOptions.TargetHost), so tls-server-name changes verification only, not SNI.
    private static bool Validate(X509Certificate2[] roots, string? serverName, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return false;
        }

        X509Certificate2 leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        try
        {
            bool nameMatches = serverName is null
                ? (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0
                : leaf.MatchesHostname(serverName);
            if (!nameMatches)
            {
                return false;
            }

            if (roots.Length == 0)
            {
                return (errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots);
            return chain.Build(leaf);
        }
        finally
        {
            if (!ReferenceEquals(leaf, certificate))
            {
                leaf.Dispose();
            }
        }
    }
}
