// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using KeyOperator.Runtime.Client;

namespace KeyOperator.Runtime.Tests.Client;

public sealed class RequestTimeoutHandlerTests
{
    private const string Object = "https://api.example/api/v1/namespaces/ns/configmaps/a";

    [Fact]
    public async Task SendAsync_InnerNeverAnswers_ThrowsKubernetesRequestTimeoutException()
    {
        var stub = new StubHandler(async (_, _, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });
        using var invoker = StubHandler.Chain(stub, new RequestTimeoutHandler(TimeSpan.FromMilliseconds(50)));

        var ex = await Assert.ThrowsAsync<KubernetesRequestTimeoutException>(() => invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, Object), CancellationToken.None));

        Assert.IsAssignableFrom<OperationCanceledException>(ex.InnerException);
        Assert.Contains("GET /api/v1/namespaces/ns/configmaps/a", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_CallerCancels_ThrowsOperationCanceledNotTimeout()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stub = new StubHandler(async (_, _, ct) =>
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });
        using var invoker = StubHandler.Chain(stub, new RequestTimeoutHandler(TimeSpan.FromMinutes(5)));
        using var cts = new CancellationTokenSource();

        var sending = invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, Object), cts.Token);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await cts.CancelAsync();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        Assert.IsNotType<KubernetesRequestTimeoutException>(ex);
    }

    [Fact]
    public async Task SendAsync_Watch_NotBounded()
    {
        var observed = CancellationToken.None;
        var stub = new StubHandler((_, _, ct) =>
        {
            observed = ct;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        });
        using var invoker = StubHandler.Chain(stub, new RequestTimeoutHandler(TimeSpan.FromMilliseconds(1)));
        using var cts = new CancellationTokenSource();

        await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://api.example/api/v1/configmaps?watch=true"), cts.Token);

        // The watch gets the caller's token itself, not one that a timer cancels.
        Assert.Equal(cts.Token, observed);
    }

    [Fact]
    public async Task SendAsync_BodyStallsPastTimeout_ThrowsKubernetesRequestTimeoutException()
    {
        var stub = new StubHandler((_, _, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StallingStream()) }));
        using var invoker = StubHandler.Chain(stub, new RequestTimeoutHandler(TimeSpan.FromMilliseconds(50)));

        await Assert.ThrowsAsync<KubernetesRequestTimeoutException>(() => invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, Object), CancellationToken.None));
    }

    /// <summary>A body whose first read waits until cancelled, like a server that sent headers and then nothing.</summary>
    private sealed class StallingStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
