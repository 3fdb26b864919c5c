// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography.X509Certificates;

namespace KeyOperator.Operator.Admission.Certificates;

/// <summary>
/// Decides the next self-managed certificate state. Invariant: the apiserver must trust the serving certificate at
/// every moment, so a serving certificate from a new CA is only used once the new CA has been in caBundle for
/// <see cref="SelfManagedCertificateOptions.CaPropagationDelay"/>; until then the old one (still valid) keeps serving.
/// Renewal happens at two thirds of a certificate's lifetime, leaving a third for retries.
/// </summary>
internal static class CertificateRenewal
{
    public static WebhookCertificateState CreateInitial(DateTimeOffset now, SelfManagedCertificateOptions options, IReadOnlyList<string> dnsNames)
    {
        ArgumentNullException.ThrowIfNull(options);
        X509Certificate2 ca = CertificateIssuer.CreateCa(now, options.CaLifetime);
        return new WebhookCertificateState
        {
            Signer = ca,
            SignerSince = now,
            Trusted = [ca],
            Serving = CertificateIssuer.IssueServing(ca, dnsNames, now, options.ServingLifetime),
        };
    }

    /// <summary>
    /// Returns <paramref name="state"/> itself when nothing is due, otherwise a new state to store.
    /// <paramref name="publishedBundlePem"/> is the caBundle this replica last wrote successfully.
    /// </summary>
    public static WebhookCertificateState Next(
        WebhookCertificateState state,
        DateTimeOffset now,
        SelfManagedCertificateOptions options,
        IReadOnlyList<string> dnsNames,
        string? publishedBundlePem)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        var trusted = state.Trusted.Where(ca => CertificateIssuer.Utc(ca.NotAfter) > now).ToList();
        bool changed = trusted.Count != state.Trusted.Count;
        X509Certificate2 signer = state.Signer;
        DateTimeOffset since = state.SignerSince;
        if (now >= CertificateIssuer.RenewalTime(signer))
        {
            signer = CertificateIssuer.CreateCa(now, options.CaLifetime);
            since = now;
            changed = true;
        }

        if (!trusted.Any(ca => ca.RawDataMemory.Span.SequenceEqual(signer.RawDataMemory.Span)))
        {
            trusted.Insert(0, signer);
            changed = true;
        }

        X509Certificate2 serving = state.Serving;
        bool bySigner = CertificateIssuer.IsIssuedBy(serving, signer);
        bool signerPublished = now >= since + options.CaPropagationDelay &&
            publishedBundlePem is not null && publishedBundlePem.Contains(signer.ExportCertificatePem(), StringComparison.Ordinal);
        bool due =
            now >= CertificateIssuer.Utc(serving.NotAfter) ||
            !trusted.Any(ca => CertificateIssuer.IsIssuedBy(serving, ca)) ||
            !CertificateIssuer.DnsNames(serving).SequenceEqual(dnsNames, StringComparer.OrdinalIgnoreCase) ||
            (bySigner ? now >= CertificateIssuer.RenewalTime(serving) : signerPublished);
        if (due)
        {
            serving = CertificateIssuer.IssueServing(signer, dnsNames, now, options.ServingLifetime);
            changed = true;
        }

        return changed
            ? new WebhookCertificateState { Signer = signer, SignerSince = since, Trusted = trusted, Serving = serving }
            : state;
    }

    /// <summary>The names the apiserver may use to reach the webhook Service.</summary>
    public static IReadOnlyList<string> DnsNamesFor(SelfManagedCertificateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string service = options.ServiceName;
        string ns = options.Namespace;
        return [$"{service}.{ns}.svc", $"{service}.{ns}.svc.cluster.local", $"{service}.{ns}", service];
    }
}
