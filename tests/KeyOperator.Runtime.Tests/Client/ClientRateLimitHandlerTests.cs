// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Client;
using Microsoft.Extensions.Time.Testing;

namespace KeyOperator.Runtime.Tests.Client;

public sealed class ClientRateLimitHandlerTests
{
    private const string Uri = "https://api.example/api/v1/namespaces/ns/configmaps";

    [Fact]
    public async Task SendAsync_Qps5Burst2_ThirdWaitsUntilFakeTimeReachesItsToken()
    {
        var clock = new FakeTimeProvider();
        var stub = StubHandler.Statuses(200);
        using var invoker = StubHandler.Chain(stub, new ClientRateLimitHandler(5, 2, clock));

        var first = invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, Uri), CancellationToken.None);
        var second = invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, Uri), CancellationToken.None);
        var third = invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, Uri), CancellationToken.None);
        await Task.WhenAll(first, second);

        // The third is parked on a timer of the fake clock, which nothing but Advance can fire.
        Assert.Equal(2, stub.Calls);
        clock.Advance(TimeSpan.FromMilliseconds(199));
        Assert.False(third.IsCompleted);
        Assert.Equal(2, stub.Calls);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await third.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(3, stub.Calls);
    }

    [Theory]
    [InlineData(5, 2, 4, 400)]
    [InlineData(10, 1, 3, 200)]
    [InlineData(2, 3, 3, 0)]
    public async Task SendAsync_BeyondBurst_EachExtraRequestWaitsOneTokenInterval(double qps, int burst, int requests, int lastWaitMs)
    {
        var clock = new FakeTimeProvider();
        var stub = StubHandler.Statuses(200);
        using var invoker = StubHandler.Chain(stub, new ClientRateLimitHandler(qps, burst, clock));

        var sends = Enumerable.Range(0, requests).Select(_ => invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, Uri), CancellationToken.None)).ToList();
        if (lastWaitMs > 0)
        {
            clock.Advance(TimeSpan.FromMilliseconds(lastWaitMs - 1));
            Assert.False(sends[^1].IsCompleted);
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        await Task.WhenAll(sends).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(requests, stub.Calls);
    }

    [Fact]
    public async Task SendAsync_CallerCancelsWhileWaiting_ThrowsOperationCanceledAndSendsNothing()
    {
        var clock = new FakeTimeProvider();
        var stub = StubHandler.Statuses(200);
        using var invoker = StubHandler.Chain(stub, new ClientRateLimitHandler(1, 1, clock));
        using var cts = new CancellationTokenSource();

        await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, Uri), CancellationToken.None);
        var waiting = invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, Uri), cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, stub.Calls);
    }
}
