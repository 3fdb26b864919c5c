// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Collections.Concurrent;

namespace KeyOperator.Runtime.Tests.Client;

/// <summary>The in-process end of a handler chain under test: answers each request with the next scripted response.</summary>
internal sealed class StubHandler(Func<HttpRequestMessage, int, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
{
    private int _calls;

    /// <summary>Requests that reached the stub, in order.</summary>
    public ConcurrentQueue<HttpRequestMessage> Received { get; } = new();

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Answers the n-th request (0-based) with the n-th status, the last one repeating.</summary>
    public static StubHandler Statuses(params int[] statuses) => new((_, n, _) =>
        Task.FromResult(new HttpResponseMessage((System.Net.HttpStatusCode)statuses[Math.Min(n, statuses.Length - 1)])));

    /// <summary>Sends through a chain of handlers ending in <paramref name="inner"/>.</summary>
    public static HttpMessageInvoker Chain(HttpMessageHandler inner, params DelegatingHandler[] outerFirst)
    {
        var next = inner;
        for (var i = outerFirst.Length - 1; i >= 0; i--)
        {
            outerFirst[i].InnerHandler = next;
            next = outerFirst[i];
        }

        return new HttpMessageInvoker(next);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Received.Enqueue(request);
        return answer(request, Interlocked.Increment(ref _calls) - 1, cancellationToken);
    }
}
