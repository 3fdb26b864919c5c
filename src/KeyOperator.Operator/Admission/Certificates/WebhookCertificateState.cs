// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace KeyOperator.Operator.Admission.Certificates;

/// <summary>
/// What the self-managed Secret holds: the signing CA (with key) and since when it signs, every CA still trusted
/// (the caBundle: the signing CA plus, during a CA rotation, the previous one), and the serving certificate.
/// </summary>
internal sealed record WebhookCertificateState
{
    public const string ServingCertificateKey = "tls.crt";
    public const string ServingKeyKey = "tls.key";
    public const string TrustedKey = "ca.crt";
    public const string SignerCertificateKey = "ca-signer.crt";
    public const string SignerKeyKey = "ca-signer.key";
    public const string SignerSinceKey = "ca-signer-since";

    public required X509Certificate2 Signer { get; init; }

    public required DateTimeOffset SignerSince { get; init; }

    public required IReadOnlyList<X509Certificate2> Trusted { get; init; }

    public required X509Certificate2 Serving { get; init; }

    public string TrustedPem => string.Concat(Trusted.Select(ca => ca.ExportCertificatePem() + "\n"));

    public string ServingPem => Serving.ExportCertificatePem() + "\n";

    public Dictionary<string, byte[]> ToData() => new(StringComparer.Ordinal)
    {
        [ServingCertificateKey] = Encoding.ASCII.GetBytes(ServingPem),
        [ServingKeyKey] = Encoding.ASCII.GetBytes(ExportKeyPem(Serving)),
        [TrustedKey] = Encoding.ASCII.GetBytes(TrustedPem),
        [SignerCertificateKey] = Encoding.ASCII.GetBytes(Signer.ExportCertificatePem() + "\n"),
        [SignerKeyKey] = Encoding.ASCII.GetBytes(ExportKeyPem(Signer)),
        [SignerSinceKey] = Encoding.ASCII.GetBytes(SignerSince.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)),
    };

    /// <summary>Reads the Secret's data; null when anything is missing or unreadable (the caller then starts over).</summary>
    public static WebhookCertificateState? TryParse(IReadOnlyDictionary<string, byte[]> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        string? Text(string key) => data.TryGetValue(key, out byte[]? bytes) ? Encoding.ASCII.GetString(bytes) : null;
        if (Text(ServingCertificateKey) is not { } servingPem || Text(ServingKeyKey) is not { } servingKey ||
            Text(TrustedKey) is not { } trustedPem || Text(SignerCertificateKey) is not { } signerPem ||
            Text(SignerKeyKey) is not { } signerKey || Text(SignerSinceKey) is not { } since ||
            !DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset signerSince))
        {
            return null;
        }

        try
        {
            var trusted = new X509Certificate2Collection();
            trusted.ImportFromPem(trustedPem);
            return new WebhookCertificateState
            {
                Signer = X509Certificate2.CreateFromPem(signerPem, signerKey),
                SignerSince = signerSince,
                Trusted = [.. trusted],
                Serving = X509Certificate2.CreateFromPem(servingPem, servingKey),
            };
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static string ExportKeyPem(X509Certificate2 certificate)
    {
        using ECDsa key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("certificate has no ECDSA private key");
        return key.ExportPkcs8PrivateKeyPem() + "\n";
    }
}
