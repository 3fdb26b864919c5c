// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography.X509Certificates;
using KeyOperator.Operator.Admission.Certificates;

namespace KeyOperator.Operator.Tests.Admission;

/// <summary>Real certificates for real TLS, issued by a throwaway CA.</summary>
internal static class TestCertificates
{
    public static X509Certificate2 Ca { get; } = CertificateIssuer.CreateCa(DateTimeOffset.UtcNow, TimeSpan.FromDays(2));

    public static X509Certificate2 Serving(string name = "localhost") =>
        CertificateIssuer.IssueServing(Ca, [name, "localhost"], DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
}
