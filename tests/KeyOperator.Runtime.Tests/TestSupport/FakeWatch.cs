// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Threading.Channels;
using KeyOperator.Runtime.Informers;

namespace KeyOperator.Runtime.Tests.TestSupport;

/// <summary>One open watch of <see cref="FakeListWatchSource"/>; the test pushes events or failures into it.</summary>
internal sealed class FakeWatch(WatchRequest request)
{
    private readonly Channel<object> _events = Channel.CreateUnbounded<object>();

    public WatchRequest Request { get; } = request;

    public void Send(WatchEventType type, TestObject obj) => _events.Writer.TryWrite(new WatchEvent<TestObject>(type, obj));

    public void Bookmark(string resourceVersion) =>
        _events.Writer.TryWrite(new WatchEvent<TestObject>(WatchEventType.Bookmark, null, resourceVersion));

    public void Fail(Exception exception) => _events.Writer.TryWrite(exception);

    public void Close() => _events.Writer.TryComplete();

    public async IAsyncEnumerable<WatchEvent<TestObject>> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in _events.Reader.ReadAllAsync(cancellationToken))
        {
            if (item is Exception exception)
            {
                throw exception;
            }

            yield return (WatchEvent<TestObject>)item;
        }
    }
}
