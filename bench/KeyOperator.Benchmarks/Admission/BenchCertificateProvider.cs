// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography.X509Certificates;
using KeyOperator.Operator.Admission.Certificates;

namespace KeyOperator.Benchmarks.Admission;

/// <summary>A serving certificate issued once by a throw-away CA: no files, no refresh.</summary>
internal sealed class BenchCertificateProvider : IServingCertificateProvider
{
    public X509Certificate2? Current { get; } = CertificateIssuer.IssueServing(
        CertificateIssuer.CreateCa(DateTimeOffset.UtcNow, TimeSpan.FromDays(1)), ["localhost"], DateTimeOffset.UtcNow, TimeSpan.FromDays(1));

    public TimeSpan RefreshInterval => TimeSpan.FromHours(1);

    public Task RefreshAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
