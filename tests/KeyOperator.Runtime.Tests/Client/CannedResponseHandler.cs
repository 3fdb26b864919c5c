// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace KeyOperator.Runtime.Tests.Client;

/// <summary>
/// The innermost handler of a test pipeline: no network, it moves the fake clock by <see cref="Latency"/> (the time
/// "to response headers") and then answers <see cref="Status"/>, or throws <see cref="Fault"/> when set.
/// </summary>
internal sealed class CannedResponseHandler(FakeTimeProvider time) : HttpMessageHandler
{
    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    public TimeSpan Latency { get; set; }

    public Exception? Fault { get; set; }

    public int Calls { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(Send(request, cancellationToken));

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Calls++;
        time.Advance(Latency);
        if (Fault is not null)
        {
            throw Fault;
        }

        return new HttpResponseMessage(Status) { RequestMessage = request, Content = new StringContent("{}") };
    }
}
