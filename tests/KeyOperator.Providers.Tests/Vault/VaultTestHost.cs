// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using KeyOperator.Emulators.Vault;
using KeyOperator.Providers;
using KeyOperator.Providers.Vault;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace KeyOperator.Providers.Tests.Vault;

/// <summary>
/// A Vault emulator and the registry the operator uses (AddKeyOperatorProviders + AddVaultProvider), on one fake
/// clock, so TTLs advance for both sides together.
/// </summary>
internal sealed class VaultTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly CollectorRegistry _metrics;

    private VaultTestHost(VaultEmulator vault, FakeTimeProvider time, ServiceProvider services, CollectorRegistry metrics)
    {
        Vault = vault;
        Time = time;
        _services = services;
        _metrics = metrics;
        Registry = services.GetRequiredService<SecretProviderRegistry>();
    }

    public VaultEmulator Vault { get; }

    public FakeTimeProvider Time { get; }

    public SecretProviderRegistry Registry { get; }

    public static async Task<VaultTestHost> StartAsync(bool https = true, TimeSpan? requestTimeout = null)
    {
        FakeTimeProvider time = new();
        VaultEmulator vault = await VaultEmulator.StartAsync(time, https);
        CollectorRegistry metrics = Prometheus.Metrics.NewCustomRegistry();
        ServiceCollection services = new();
        services.AddSingleton(metrics);
        services.AddSingleton<TimeProvider>(time);
        services.AddKeyOperatorProviders(o =>
        {
            // The fake clock never refills the bucket: a budget larger than any test's request count.
            o.RequestsPerSecond = 10_000;
            o.Burst = 10_000;
            o.RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(30);
        });
        services.AddVaultProvider();
        return new VaultTestHost(vault, time, services.BuildServiceProvider(), metrics);
    }

    public VaultConnection Connection(VaultAuth auth, string mount = "secret", VaultKvVersion version = VaultKvVersion.V2, string? ns = null, bool trustCa = true, bool allowInsecure = false) =>
        new(new Uri(Vault.BaseAddress.AbsoluteUri.TrimEnd('/')), ns, mount, version, auth)
        {
            CaBundlePem = trustCa && Vault.CaPem.Length > 0 ? Vault.CaPem : null,
            AllowInsecureEndpoint = allowInsecure,
        };

    public ISecretProvider Client(VaultAuth auth, string mount = "secret", VaultKvVersion version = VaultKvVersion.V2, string? ns = null) =>
        Registry.Get(Connection(auth, mount, version, ns));

    public VaultTokenAuth TokenAuth(VaultTokenSpec? spec = null, string? ns = null) => new(new SensitiveString(Vault.CreateToken(spec ?? VaultTokenSpec.ReadAll, ns)));

    public async Task<string> MetricsTextAsync()
    {
        using MemoryStream stream = new();
        await _metrics.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Vault.DisposeAsync();
    }
}
