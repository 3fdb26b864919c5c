// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography.X509Certificates;
using KeyOperator.Operator.Admission.Certificates;

namespace KeyOperator.Operator.Tests.Admission.Fakes;

/// <summary>A serving certificate chosen by the test.</summary>
internal sealed class FixedCertificateProvider(X509Certificate2 certificate) : IServingCertificateProvider
{
    public X509Certificate2? Current { get; set; } = certificate;

    public TimeSpan RefreshInterval => TimeSpan.FromHours(1);

    public Task RefreshAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
