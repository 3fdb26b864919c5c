// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KeyOperator.LocalCluster;

/// <summary>
/// A throwaway CA and a serving certificate for 127.0.0.1, written as files, so that <c>dev</c> runs the webhook in
/// the same certificate-from-files mode a cert-manager-mounted deployment uses.
/// </summary>
internal static class DevWebhookCertificates
{
    /// <summary>Writes tls.crt, tls.key and ca.crt into <paramref name="directory"/>; returns the CA PEM for caBundle.</summary>
    public static string Write(string directory, TimeProvider time)
    {
        Directory.CreateDirectory(directory);
        DateTimeOffset now = time.GetUtcNow();
        using ECDsa caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        CertificateRequest caRequest = new("CN=key-operator-local webhook CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using X509Certificate2 ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(30));

        using ECDsa servingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        CertificateRequest servingRequest = new("CN=127.0.0.1", servingKey, HashAlgorithmName.SHA256);
        SubjectAlternativeNameBuilder names = new();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        servingRequest.CertificateExtensions.Add(names.Build());
        servingRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        servingRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        servingRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using X509Certificate2 serving = servingRequest.Create(ca, now.AddMinutes(-5), now.AddDays(30), RandomNumberGenerator.GetBytes(16));

        string caPem = ca.ExportCertificatePem();
        File.WriteAllText(Path.Combine(directory, "ca.crt"), caPem);
        File.WriteAllText(Path.Combine(directory, "tls.crt"), serving.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "tls.key"), servingKey.ExportPkcs8PrivateKeyPem());
        return caPem;
    }
}
