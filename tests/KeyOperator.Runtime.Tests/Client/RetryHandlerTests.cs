// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using KeyOperator.Runtime.Client;
using Microsoft.Extensions.Time.Testing;

using KeyOperator.Runtime.Tests.TestSupport;

namespace KeyOperator.Runtime.Tests.Client;

public sealed class RetryHandlerTests
{
    private const string Object = "https://api.example/api/v1/namespaces/ns/configmaps/a";
    private const string Collection = "https://api.example/api/v1/namespaces/ns/configmaps";

    [Theory]
    [InlineData("GET", Object, 500, 3)]
    [InlineData("GET", Collection, 503, 3)]
    [InlineData("HEAD", Object, 502, 3)]
    [InlineData("POST", Collection, 500, 1)]
    [InlineData("PUT", Object, 500, 1)]
    [InlineData("PATCH", Object, 503, 1)]
    [InlineData("DELETE", Object, 500, 1)]
    [InlineData("GET", Collection + "?watch=true", 500, 1)]
    [InlineData("GET", Collection + "?resourceVersion=5&watch=1", 503, 1)]
    [InlineData("GET", Object, 404, 1)]
    [InlineData("PUT", Object, 409, 1)]
    public async Task SendAsync_ServerError_RetriedForReadsOnly(string method, string uri, int status, int expectedAttempts)
    {
        var clock = new FakeTimeProvider();
        var stub = StubHandler.Statuses(status, status, 200);
        using var invoker = StubHandler.Chain(stub, new RetryHandler(5, TimeSpan.FromMilliseconds(10), clock));

        var sending = invoker.SendAsync(new HttpRequestMessage(new HttpMethod(method), uri), CancellationToken.None);
        var response = await AdvanceUntilDoneAsync(clock, sending);

        Assert.Equal(expectedAttempts, stub.Calls);
        Assert.Equal(expectedAttempts == 1 ? status : 200, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("GET", Object)]
    [InlineData("POST", Collection)]
    [InlineData("PUT", Object)]
    [InlineData("PATCH", Object)]
    [InlineData("DELETE", Object)]
    public async Task SendAsync_TooManyRequestsWithRetryAfter_WaitsThenRetriesAnyVerb(string method, string uri)
    {
        var clock = new FakeTimeProvider();
        var stub = new StubHandler((_, n, _) => Task.FromResult(n == 0 ? TooManyRequests(TimeSpan.FromSeconds(2)) : new HttpResponseMessage(HttpStatusCode.OK)));
        using var invoker = StubHandler.Chain(stub, new RetryHandler(5, TimeSpan.FromSeconds(30), clock));

        var sending = invoker.SendAsync(new HttpRequestMessage(new HttpMethod(method), uri), CancellationToken.None);
        await Wait.UntilAsync(() => stub.Calls == 1, "the first attempt");
        clock.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal(1, stub.Calls);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var response = await sending.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, stub.Calls);
    }

    [Fact]
    public async Task SendAsync_TooManyRequestsRetryAfterAboveCap_WaitsOnlyTheCap()
    {
        var clock = new FakeTimeProvider();
        var stub = new StubHandler((_, n, _) => Task.FromResult(n == 0 ? TooManyRequests(TimeSpan.FromMinutes(10)) : new HttpResponseMessage(HttpStatusCode.OK)));
        using var invoker = StubHandler.Chain(stub, new RetryHandler(5, TimeSpan.FromSeconds(3), clock));

        var sending = invoker.SendAsync(new HttpRequestMessage(HttpMethod.Post, Collection), CancellationToken.None);
        await Wait.UntilAsync(() => stub.Calls == 1, "the first attempt");
        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(HttpStatusCode.OK, (await sending.WaitAsync(TimeSpan.FromSeconds(20))).StatusCode);
    }

    [Fact]
    public async Task SendAsync_TooManyRequestsWithoutRetryAfter_NotRetried()
    {
        var stub = StubHandler.Statuses(429, 200);
        using var invoker = StubHandler.Chain(stub, new RetryHandler(5, TimeSpan.FromSeconds(3), new FakeTimeProvider()));

        var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, Object), CancellationToken.None);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(1, stub.Calls);
    }

    [Theory]
    [InlineData("GET", 2)]
    [InlineData("POST", 1)]
    [InlineData("DELETE", 1)]
    public async Task SendAsync_ConnectionFault_RetriedForReadsOnly(string method, int expectedAttempts)
    {
        var clock = new FakeTimeProvider();
        var stub = new StubHandler((_, n, _) => n == 0
            ? Task.FromException<HttpResponseMessage>(new HttpRequestException("connection reset", new IOException("reset")))
            : Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)));
        using var invoker = StubHandler.Chain(stub, new RetryHandler(5, TimeSpan.FromMilliseconds(10), clock));

        var sending = invoker.SendAsync(new HttpRequestMessage(new HttpMethod(method), method == "POST" ? Collection : Object), CancellationToken.None);

        if (expectedAttempts == 1)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => sending);
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, (await AdvanceUntilDoneAsync(clock, sending)).StatusCode);
        }

        Assert.Equal(expectedAttempts, stub.Calls);
    }

    [Fact]
    public async Task SendAsync_ServerErrorsBeyondMaxRetries_ReturnsLastResponse()
    {
        var clock = new FakeTimeProvider();
        var stub = StubHandler.Statuses(500);
        using var invoker = StubHandler.Chain(stub, new RetryHandler(2, TimeSpan.FromMilliseconds(10), clock));

        var response = await AdvanceUntilDoneAsync(clock, invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, Object), CancellationToken.None));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(3, stub.Calls);
    }

    [Fact]
    public async Task SendAsync_CallerCancelsDuringBackoff_ThrowsOperationCanceledWithoutRetry()
    {
        var clock = new FakeTimeProvider();
        var stub = StubHandler.Statuses(503, 200);
        using var invoker = StubHandler.Chain(stub, new RetryHandler(5, TimeSpan.FromSeconds(30), clock));
        using var cts = new CancellationTokenSource();

        var sending = invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, Object), cts.Token);
        await Wait.UntilAsync(() => stub.Calls == 1, "the first attempt");
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        Assert.Equal(1, stub.Calls);
    }

    private static HttpResponseMessage TooManyRequests(TimeSpan retryAfter)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(retryAfter);
        return response;
    }

    /// <summary>Moves the fake clock in backoff-sized steps until the send completes (the backoff is jittered).</summary>
    private static async Task<HttpResponseMessage> AdvanceUntilDoneAsync(FakeTimeProvider clock, Task<HttpResponseMessage> sending)
    {
        for (var i = 0; i < 2000 && !sending.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Delay(1);
        }

        return await sending.WaitAsync(TimeSpan.FromSeconds(20));
    }
}
