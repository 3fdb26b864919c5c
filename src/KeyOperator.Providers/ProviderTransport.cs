// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace KeyOperator.Providers;

/// <summary>
/// TLS and scheme rules for store endpoints: <c>https://</c> only unless the admission policy allows plain HTTP, and a
/// <c>caBundle</c>, when set, is the only trust (the system roots are not consulted), with the host name still checked.
/// </summary>
public static class ProviderTransport
{
    /// <summary>Fails when an endpoint is not HTTPS and plain HTTP is not allowed.</summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <param name="allowInsecure">Whether plain HTTP is allowed.</param>
    /// <exception cref="ProviderException">The endpoint is not allowed (InvalidRequest).</exception>
    public static void EnsureAllowed(Uri endpoint, bool allowInsecure)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && !(allowInsecure && endpoint.Scheme == Uri.UriSchemeHttp)))
        {
            throw new ProviderException(ProviderFailure.InvalidRequest, $"endpoint {endpoint} must be an absolute https:// URL (plain http needs the admission policy's allowInsecureProviderEndpoints)");
        }
    }

    /// <summary>Parses a PEM bundle into certificates.</summary>
    /// <param name="pem">The PEM text.</param>
    /// <returns>The certificates (at least one).</returns>
    /// <exception cref="ProviderException">The bundle holds no certificate (InvalidRequest).</exception>
    public static X509Certificate2Collection ParseBundle(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        X509Certificate2Collection certificates = [];
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new ProviderException(ProviderFailure.InvalidRequest, "caBundle is not a valid PEM certificate bundle", null, ex);
        }

        if (certificates.Count == 0)
        {
            throw new ProviderException(ProviderFailure.InvalidRequest, "caBundle holds no PEM certificate");
        }

        return certificates;
    }

    /// <summary>Creates the socket handler for a connection, trusting only its CA bundle when it has one.</summary>
    /// <param name="connection">The connection.</param>
    /// <returns>The handler.</returns>
    public static SocketsHttpHandler CreateHandler(ProviderConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        SocketsHttpHandler handler = new()
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AllowAutoRedirect = false,
        };
        if (connection.CaBundlePem is { Length: > 0 } pem)
        {
            X509Certificate2Collection roots = ParseBundle(pem);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Trusted(certificate, errors, roots);
        }

        return handler;
    }

    private static bool Trusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        // A name mismatch or a missing certificate is never forgiven; only the chain is judged against the bundle.
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using X509Chain chain = new();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using X509Certificate2 leaf = new(certificate);
        return chain.Build(leaf);
    }
}
