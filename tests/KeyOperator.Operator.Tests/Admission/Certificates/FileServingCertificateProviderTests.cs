// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using KeyOperator.Operator.Admission;
using KeyOperator.Operator.Admission.Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KeyOperator.Operator.Tests.Admission.Certificates;

public sealed class FileServingCertificateProviderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("adm-cert-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task RefreshAsync_FilesPresent_LoadsCertificateWithKey()
    {
        X509Certificate2 written = WritePair("one");
        FileServingCertificateProvider provider = Create();

        await provider.RefreshAsync(CancellationToken.None);

        Assert.Equal(written.Thumbprint, provider.Current!.Thumbprint);
        Assert.True(provider.Current.HasPrivateKey);
    }

    [Fact]
    public async Task RefreshAsync_FilesReplaced_ServesNewCertificate()
    {
        WritePair("one");
        FileServingCertificateProvider provider = Create();
        await provider.RefreshAsync(CancellationToken.None);

        X509Certificate2 second = WritePair("two");
        await provider.RefreshAsync(CancellationToken.None);

        Assert.Equal(second.Thumbprint, provider.Current!.Thumbprint);
    }

    [Fact]
    public async Task RefreshAsync_HalfUpdatedPair_KeepsPreviousCertificate()
    {
        X509Certificate2 first = WritePair("one");
        FileServingCertificateProvider provider = Create();
        await provider.RefreshAsync(CancellationToken.None);

        // A new key already in place, the matching certificate not yet.
        using ECDsa otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await File.WriteAllTextAsync(Path.Combine(_directory, "tls.key"), otherKey.ExportPkcs8PrivateKeyPem());
        await provider.RefreshAsync(CancellationToken.None);

        Assert.Equal(first.Thumbprint, provider.Current!.Thumbprint);
    }

    [Fact]
    public async Task RefreshAsync_FilesMissing_NoCertificateAndNoThrow()
    {
        FileServingCertificateProvider provider = Create();

        await provider.RefreshAsync(CancellationToken.None);

        Assert.Null(provider.Current);
    }

    private FileServingCertificateProvider Create()
    {
        var options = new AdmissionOptions
        {
            CertificateFile = Path.Combine(_directory, "tls.crt"),
            PrivateKeyFile = Path.Combine(_directory, "tls.key"),
        };
        return new FileServingCertificateProvider(Options.Create(options), NullLogger<FileServingCertificateProvider>.Instance);
    }

    private X509Certificate2 WritePair(string name)
    {
        X509Certificate2 certificate = TestCertificates.Serving(name);
        using ECDsa key = certificate.GetECDsaPrivateKey()!;
        File.WriteAllText(Path.Combine(_directory, "tls.crt"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_directory, "tls.key"), key.ExportPkcs8PrivateKeyPem());
        return certificate;
    }
}
