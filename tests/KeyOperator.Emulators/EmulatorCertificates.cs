// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KeyOperator.Emulators;

/// <summary>
/// A throwaway CA and a server certificate for 127.0.0.1 and localhost signed by it, so an emulator serves real TLS
/// and a client trusts it only through a <c>caBundle</c> (the path production uses for private CAs).
/// </summary>
public sealed class EmulatorCertificates : IDisposable
{
    private EmulatorCertificates(X509Certificate2 ca, X509Certificate2 server)
    {
        Ca = ca;
        Server = server;
        CaPem = ca.ExportCertificatePem();
    }

    /// <summary>The CA certificate (public part only).</summary>
    public X509Certificate2 Ca { get; }

    /// <summary>The CA certificate as PEM, for a <c>caBundle</c>.</summary>
    public string CaPem { get; }

    /// <summary>The server certificate with its private key.</summary>
    public X509Certificate2 Server { get; }

    /// <summary>Creates a CA and a server certificate.</summary>
    /// <param name="name">The CA's common name.</param>
    /// <returns>The certificates.</returns>
    public static EmulatorCertificates Create(string name)
    {
        using ECDsa caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        CertificateRequest caRequest = new($"CN={name} test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 caWithKey = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(2));

        using ECDsa serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        CertificateRequest serverRequest = new($"CN={name}", serverKey, HashAlgorithmName.SHA256);
        SubjectAlternativeNameBuilder names = new();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using X509Certificate2 signed = serverRequest.Create(caWithKey, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(12));
        using X509Certificate2 withKey = signed.CopyWithPrivateKey(serverKey);
        // Kestrel on Linux needs an exportable key; a PKCS#12 round trip gives one.
        X509Certificate2 server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
        X509Certificate2 ca = X509CertificateLoader.LoadCertificate(caWithKey.RawData);
        return new EmulatorCertificates(ca, server);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
    }
}
