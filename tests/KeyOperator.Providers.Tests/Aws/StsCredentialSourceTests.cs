// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using KeyOperator.Providers.Aws;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KeyOperator.Providers.Tests.Aws;

/// <summary>The credential cache's schedule on a fake clock: the STS call is a counting function, the network is not involved (moto tests cover that).</summary>
public sealed class StsCredentialSourceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private int _calls;
    private Func<Credentials> _next;

    public StsCredentialSourceTests() => _next = () => Issue(TimeSpan.FromHours(1));

    [Fact]
    public async Task GetAsync_BeforeRefreshTime_ReusesCredentials()
    {
        using StsCredentialSource source = Source();

        ImmutableCredentials first = await source.GetAsync(default);
        _time.Advance(TimeSpan.FromMinutes(54));
        ImmutableCredentials second = await source.GetAsync(default);

        Assert.Same(first, second);
        Assert.Equal(1, _calls);
    }

    [Fact]
    public async Task GetAsync_FiveMinutesBeforeExpiry_ObtainsNewCredentials()
    {
        using StsCredentialSource source = Source();

        ImmutableCredentials first = await source.GetAsync(default);
        _time.Advance(TimeSpan.FromMinutes(55) + TimeSpan.FromSeconds(1));
        ImmutableCredentials second = await source.GetAsync(default);

        Assert.NotEqual(first.AccessKey, second.AccessKey);
        Assert.Equal(2, _calls);
    }

    [Fact]
    public async Task GetAsync_ShortLifetime_RefreshesAtTwoThirds()
    {
        _next = () => Issue(TimeSpan.FromMinutes(15));
        using StsCredentialSource source = Source();

        await source.GetAsync(default);
        _time.Advance(TimeSpan.FromMinutes(9));
        await source.GetAsync(default);
        _time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        await source.GetAsync(default);

        Assert.Equal(2, _calls);
    }

    [Fact]
    public async Task GetAsync_StsUnavailableAtRefresh_KeepsValidCredentials()
    {
        using StsCredentialSource source = Source();
        ImmutableCredentials first = await source.GetAsync(default);
        _next = () => throw new HttpRequestException("connection refused");
        _time.Advance(TimeSpan.FromMinutes(56));

        ImmutableCredentials kept = await source.GetAsync(default);

        Assert.Same(first, kept);
    }

    [Fact]
    public async Task GetAsync_ConcurrentReaders_OneStsCall()
    {
        using StsCredentialSource source = Source();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => source.GetAsync(default)));

        Assert.Equal(1, _calls);
    }

    [Fact]
    public async Task Expired_RefusedCredentials_NextGetObtainsNew()
    {
        using StsCredentialSource source = Source();
        ImmutableCredentials first = await source.GetAsync(default);

        source.Expired(first);
        ImmutableCredentials second = await source.GetAsync(default);

        Assert.NotSame(first, second);
        Assert.Equal(2, _calls);
    }

    private StsCredentialSource Source() => new(
        "AssumeRole",
        "arn:aws:iam::123456789012:role/r",
        "sts.test",
        _ =>
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult(_next());
        },
        new ProviderMetrics(Prometheus.Metrics.NewCustomRegistry()),
        _time,
        NullLogger.Instance);

    private Credentials Issue(TimeSpan lifetime) => new()
    {
        AccessKeyId = "ASIA" + _calls,
        SecretAccessKey = "secret",
        SessionToken = "token",
        Expiration = (_time.GetUtcNow() + lifetime).UtcDateTime,
    };
}
