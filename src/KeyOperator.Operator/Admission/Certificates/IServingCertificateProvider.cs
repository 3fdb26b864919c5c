// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography.X509Certificates;

namespace KeyOperator.Operator.Admission.Certificates;

/// <summary>
/// The certificate Kestrel presents for new TLS handshakes. Swapping <see cref="Current"/> renews without a restart:
/// open connections keep the certificate they started with.
/// </summary>
internal interface IServingCertificateProvider
{
    /// <summary>The serving certificate with its private key, or null before the first successful load.</summary>
    X509Certificate2? Current { get; }

    /// <summary>How often <see cref="RefreshAsync"/> should run.</summary>
    TimeSpan RefreshInterval { get; }

    /// <summary>Loads, renews or re-reads the certificate. Failures keep the previous certificate in service.</summary>
    Task RefreshAsync(CancellationToken cancellationToken);
}
