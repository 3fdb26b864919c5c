// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography.X509Certificates;

namespace KeyOperator.Kubernetes;

/// <summary>PEM helpers for trust bundles and client certificates.</summary>
internal static class PemCertificates
{
    public static IReadOnlyList<X509Certificate2> LoadBundle(string pem)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(pem);
        if (collection.Count == 0)
        {
            throw new KubeconfigException("The certificate authority data holds no PEM certificate.");
        }

        return [.. collection];
    }

    public static X509Certificate2 LoadClientCertificate(string certificatePem, string keyPem)
    {
        using X509Certificate2 ephemeral = X509Certificate2.CreateFromPem(certificatePem, keyPem);

        // SslStream wants a certificate whose key lives in a store-backed handle on some platforms; a PKCS#12
        // round-trip gives one everywhere (ephemeral PEM keys fail for client auth on Windows and older macOS).
        byte[] pkcs12 = ephemeral.Export(X509ContentType.Pkcs12);
        return X509CertificateLoader.LoadPkcs12(pkcs12, password: null);
    }
}
