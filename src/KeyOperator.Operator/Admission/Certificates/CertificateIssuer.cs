// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KeyOperator.Operator.Admission.Certificates;

/// <summary>
/// Creates the webhook's CA and serving certificates: ECDSA P-256 (fast to generate, accepted by the apiserver's Go TLS),
/// backdated a few minutes so a replica or apiserver whose clock runs slightly behind still accepts them.
/// </summary>
internal static class CertificateIssuer
{
    private static readonly TimeSpan s_backdate = TimeSpan.FromMinutes(5);

    public static X509Certificate2 CreateCa(DateTimeOffset now, TimeSpan lifetime)
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string name = string.Create(CultureInfo.InvariantCulture, $"CN=key-operator webhook CA {now.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now - s_backdate, now + lifetime);
    }

    public static X509Certificate2 IssueServing(X509Certificate2 ca, IReadOnlyList<string> dnsNames, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(ca);
        ArgumentNullException.ThrowIfNull(dnsNames);
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsNames[0]}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (string dnsName in dnsNames)
        {
            names.AddDnsName(dnsName);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));

        // The issuer refuses a validity window outside its own.
        DateTimeOffset notBefore = Max(now - s_backdate, Utc(ca.NotBefore));
        DateTimeOffset notAfter = Min(now + lifetime, Utc(ca.NotAfter));
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using X509Certificate2 issued = request.Create(ca, notBefore, notAfter, serial);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>True when <paramref name="certificate"/> names <paramref name="ca"/>'s key as its issuer (AKI = SKI).</summary>
    public static bool IsIssuedBy(X509Certificate2 certificate, X509Certificate2 ca)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(ca);
        byte[]? authority = certificate.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().FirstOrDefault()?.KeyIdentifier?.ToArray();
        byte[]? subject = ca.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault()?.SubjectKeyIdentifierBytes.ToArray();
        return authority is not null && subject is not null && authority.AsSpan().SequenceEqual(subject);
    }

    /// <summary>The point at which a certificate is renewed: two thirds into its lifetime.</summary>
    public static DateTimeOffset RenewalTime(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        DateTimeOffset notBefore = Utc(certificate.NotBefore);
        return notBefore + ((Utc(certificate.NotAfter) - notBefore) * 2 / 3);
    }

    public static DateTimeOffset Utc(DateTime time) => new(time.ToUniversalTime(), TimeSpan.Zero);

    public static IReadOnlyList<string> DnsNames(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return [.. certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(san => san.EnumerateDnsNames())];
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
