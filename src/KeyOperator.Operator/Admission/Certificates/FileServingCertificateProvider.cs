// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyOperator.Operator.Admission.Certificates;

/// <summary>
/// Serving certificate from PEM files (tls.crt, tls.key), e.g. a cert-manager Secret mounted as a volume.
/// Polls instead of using FileSystemWatcher: kubelet swaps Secret volumes through a symlink rename that watchers
/// often miss. Compares content, and keeps the old certificate while the pair does not load (e.g. the key is
/// already new but the certificate is not yet).
/// </summary>
internal sealed partial class FileServingCertificateProvider(
    IOptions<AdmissionOptions> options,
    ILogger<FileServingCertificateProvider> logger) : IServingCertificateProvider
{
    private readonly AdmissionOptions _options = options.Value;
    private volatile X509Certificate2? _current;
    private byte[]? _loadedHash;

    public X509Certificate2? Current => _current;

    public TimeSpan RefreshInterval => _options.CertificateFileCheckInterval;

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        string certificateFile = _options.CertificateFile ?? throw new InvalidOperationException("no certificate file configured");
        string keyFile = _options.PrivateKeyFile ?? throw new InvalidOperationException("no private key file configured");
        string certificatePem;
        string keyPem;
        try
        {
            certificatePem = await File.ReadAllTextAsync(certificateFile, cancellationToken).ConfigureAwait(false);
            keyPem = await File.ReadAllTextAsync(keyFile, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.ReadFailed(logger, certificateFile, keyFile, ex.GetType().Name);
            return;
        }

        byte[] hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(certificatePem + "\0" + keyPem));
        if (_loadedHash is not null && hash.AsSpan().SequenceEqual(_loadedHash))
        {
            return;
        }

        try
        {
            X509Certificate2 certificate = X509Certificate2.CreateFromPem(certificatePem, keyPem);
            _current = certificate;
            _loadedHash = hash;
            Log.Loaded(logger, certificateFile, certificate.NotAfter);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            // Deliberately only the exception type: the message could quote the key file.
            Log.LoadFailed(logger, certificateFile, keyFile, ex.GetType().Name);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(7111, LogLevel.Information, "Loaded webhook serving certificate from {File}, valid until {NotAfter}", EventName = "WebhookCertificateLoaded")]
        public static partial void Loaded(ILogger logger, string file, DateTime notAfter);

        [LoggerMessage(7112, LogLevel.Warning, "Could not read {CertificateFile} / {KeyFile} ({Error}); keeping the current certificate", EventName = "WebhookCertificateReadFailed")]
        public static partial void ReadFailed(ILogger logger, string certificateFile, string keyFile, string error);

        [LoggerMessage(7113, LogLevel.Warning, "{CertificateFile} and {KeyFile} do not form a usable certificate ({Error}); keeping the current one", EventName = "WebhookCertificateLoadFailed")]
        public static partial void LoadFailed(ILogger logger, string certificateFile, string keyFile, string error);
    }
}
