// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using KeyOperator.Emulators.Aws;
using KeyOperator.Providers.Aws;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace KeyOperator.Providers.Tests.Aws;

/// <summary>The registry the operator uses (AddKeyOperatorProviders), on the real clock: moto signs and expires credentials by wall time.</summary>
internal sealed class AwsTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly CollectorRegistry _metrics;

    public AwsTestHost()
    {
        _metrics = Prometheus.Metrics.NewCustomRegistry();
        ServiceCollection services = new();
        services.AddSingleton(_metrics);
        services.AddSingleton(TimeProvider.System);
        services.AddKeyOperatorProviders(o =>
        {
            o.RequestsPerSecond = 1000;
            o.Burst = 1000;
        });
        _services = services.BuildServiceProvider();
        Registry = _services.GetRequiredService<SecretProviderRegistry>();
    }

    public SecretProviderRegistry Registry { get; }

    public static AwsSecretsManagerConnection Connection(MotoServer moto, AwsAuth auth, string? role = null, bool trustCa = true) =>
        new("us-east-1", moto.Endpoint, role, auth)
        {
            StsEndpoint = moto.Endpoint,
            CaBundlePem = trustCa ? moto.CaPem : null,
        };

    public static AwsStaticCredentials Keys(MotoAccessKey key, string? secretOverride = null) =>
        new(key.AccessKeyId, new SensitiveString(secretOverride ?? key.SecretAccessKey), null);

    public ISecretProvider Client(MotoServer moto, AwsAuth auth, string? role = null) => Registry.Get(Connection(moto, auth, role));

    public async Task<double> LoginsAsync()
    {
        using MemoryStream stream = new();
        await _metrics.CollectAndExportAsTextAsync(stream);
        string line = Encoding.UTF8.GetString(stream.ToArray()).Split('\n').FirstOrDefault(l => l.StartsWith("keyoperator_provider_logins_total{provider=\"aws\"}", StringComparison.Ordinal)) ?? "x 0";
        return double.Parse(line.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
