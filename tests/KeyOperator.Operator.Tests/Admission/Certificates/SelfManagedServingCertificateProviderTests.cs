// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography.X509Certificates;
using KeyOperator.Operator.Admission;
using KeyOperator.Operator.Admission.Certificates;
using KeyOperator.Operator.Tests.Admission.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KeyOperator.Operator.Tests.Admission.Certificates;

public sealed class SelfManagedServingCertificateProviderTests
{
    private const string Ns = "key-operator";
    private const string SecretName = "key-operator-webhook-tls";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemorySecretStore _store = new();
    private readonly RecordingPatcher _patcher = new();
    private readonly AdmissionOptions _options = new();

    [Fact]
    public async Task RefreshAsync_NoSecret_CreatesCaAndServingCertificateAndPublishesBundle()
    {
        SelfManagedServingCertificateProvider provider = Create();

        await provider.RefreshAsync(CancellationToken.None);

        X509Certificate2 serving = Assert.IsType<X509Certificate2>(provider.Current);
        Assert.True(serving.HasPrivateKey);
        Assert.Equal(
            ["key-operator-webhook.key-operator.svc", "key-operator-webhook.key-operator.svc.cluster.local", "key-operator-webhook.key-operator", "key-operator-webhook"],
            CertificateIssuer.DnsNames(serving));
        WebhookCertificateState state = StoredState();
        Assert.Single(state.Trusted);
        Assert.True(CertificateIssuer.IsIssuedBy(serving, state.Signer));
        Assert.Equal(state.TrustedPem, _patcher.CaBundle);
        Assert.True(ChainsTo(serving, _patcher.CaBundle!, _time.GetUtcNow()));
    }

    [Fact]
    public async Task RefreshAsync_NothingDue_WritesNothing()
    {
        SelfManagedServingCertificateProvider provider = Create();
        await provider.RefreshAsync(CancellationToken.None);
        int writes = _store.Writes;

        _time.Advance(TimeSpan.FromDays(30));
        await provider.RefreshAsync(CancellationToken.None);

        Assert.Equal(writes, _store.Writes);
    }

    [Fact]
    public async Task RefreshAsync_AtTwoThirdsOfServingLifetime_RenewsWithSameCa()
    {
        SelfManagedServingCertificateProvider provider = Create();
        await provider.RefreshAsync(CancellationToken.None);
        X509Certificate2 first = provider.Current!;
        string bundle = _patcher.CaBundle!;

        _time.Advance(TimeSpan.FromDays(61));
        await provider.RefreshAsync(CancellationToken.None);

        X509Certificate2 renewed = provider.Current!;
        Assert.NotEqual(first.Thumbprint, renewed.Thumbprint);
        Assert.Equal(bundle, _patcher.CaBundle);
        Assert.True(ChainsTo(renewed, bundle, _time.GetUtcNow()));
        Assert.True(CertificateIssuer.Utc(renewed.NotAfter) > _time.GetUtcNow().AddDays(89));
    }

    [Fact]
    public async Task RefreshAsync_CaRotation_KeepsOldCaTrustedUntilNewServingCertificateIsUsed()
    {
        SelfManagedServingCertificateProvider provider = Create();
        await provider.RefreshAsync(CancellationToken.None);
        X509Certificate2 oldCa = StoredState().Signer;

        // Every served certificate must chain to the published bundle at every step of the rotation.
        for (int day = 0; day < 500; day += 1)
        {
            _time.Advance(TimeSpan.FromDays(1));
            await provider.RefreshAsync(CancellationToken.None);
            Assert.True(ChainsTo(provider.Current!, _patcher.CaBundle!, _time.GetUtcNow()), $"day {day}");
        }

        WebhookCertificateState state = StoredState();
        Assert.NotEqual(oldCa.Thumbprint, state.Signer.Thumbprint);
        Assert.Equal(2, state.Trusted.Count);
        Assert.Contains(state.Trusted, ca => ca.Thumbprint == oldCa.Thumbprint);
        Assert.True(CertificateIssuer.IsIssuedBy(provider.Current!, state.Signer));
    }

    [Fact]
    public async Task RefreshAsync_NewCa_ServingCertificateWaitsForPropagationDelay()
    {
        SelfManagedServingCertificateProvider provider = Create();
        await provider.RefreshAsync(CancellationToken.None);
        X509Certificate2 oldCa = StoredState().Signer;

        await AdvanceDailyUntilCaRotatesAsync(provider, oldCa);
        WebhookCertificateState rotated = StoredState();
        Assert.Contains(rotated.Signer.ExportCertificatePem(), _patcher.CaBundle, StringComparison.Ordinal);
        Assert.True(CertificateIssuer.IsIssuedBy(provider.Current!, oldCa));

        _time.Advance(TimeSpan.FromMinutes(4));
        await provider.RefreshAsync(CancellationToken.None);
        Assert.True(CertificateIssuer.IsIssuedBy(provider.Current!, oldCa));

        _time.Advance(TimeSpan.FromMinutes(2));
        await provider.RefreshAsync(CancellationToken.None);
        Assert.True(CertificateIssuer.IsIssuedBy(provider.Current!, rotated.Signer));
    }

    [Fact]
    public async Task RefreshAsync_BundleNotPublished_NewCaNotUsedForServing()
    {
        SelfManagedServingCertificateProvider provider = Create();
        await provider.RefreshAsync(CancellationToken.None);
        X509Certificate2 oldCa = StoredState().Signer;
        _time.Advance(TimeSpan.FromDays(470));
        await provider.RefreshAsync(CancellationToken.None);
        _patcher.Fail = true;

        await AdvanceDailyUntilCaRotatesAsync(provider, oldCa);
        _time.Advance(TimeSpan.FromHours(1));
        await provider.RefreshAsync(CancellationToken.None);

        Assert.True(CertificateIssuer.IsIssuedBy(provider.Current!, oldCa));
        Assert.DoesNotContain(StoredState().Signer.ExportCertificatePem(), _patcher.CaBundle, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefreshAsync_SecondReplica_AdoptsTheStoredCertificate()
    {
        SelfManagedServingCertificateProvider first = Create();
        SelfManagedServingCertificateProvider second = Create();

        await first.RefreshAsync(CancellationToken.None);
        await second.RefreshAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(61));
        await second.RefreshAsync(CancellationToken.None);
        await first.RefreshAsync(CancellationToken.None);

        Assert.Equal(second.Current!.Thumbprint, first.Current!.Thumbprint);
        Assert.Equal(2, _store.Writes);
    }

    [Fact]
    public async Task RefreshAsync_UnreadableSecret_Replaced()
    {
        _store.Put(Ns, SecretName, new Dictionary<string, byte[]> { ["tls.crt"] = [1, 2, 3] });
        SelfManagedServingCertificateProvider provider = Create();

        await provider.RefreshAsync(CancellationToken.None);

        Assert.NotNull(provider.Current);
        Assert.NotNull(WebhookCertificateState.TryParse(_store.Peek(Ns, SecretName)!.Data));
    }

    private async Task AdvanceDailyUntilCaRotatesAsync(SelfManagedServingCertificateProvider provider, X509Certificate2 oldCa)
    {
        while (StoredState().Signer.Thumbprint == oldCa.Thumbprint)
        {
            _time.Advance(TimeSpan.FromDays(1));
            await provider.RefreshAsync(CancellationToken.None);
        }
    }

    private SelfManagedServingCertificateProvider Create() => new(
        _store, _patcher, Options.Create(_options), _time, NullLogger<SelfManagedServingCertificateProvider>.Instance);

    private WebhookCertificateState StoredState() => WebhookCertificateState.TryParse(_store.Peek(Ns, SecretName)!.Data)!;

    private static bool ChainsTo(X509Certificate2 serving, string bundlePem, DateTimeOffset now)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPem(bundlePem);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        return chain.Build(serving);
    }
}
