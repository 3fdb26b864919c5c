// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Collections.Concurrent;
using System.Threading.Channels;
using KeyOperator.Runtime.Informers;

namespace KeyOperator.Runtime.Tests.TestSupport;

/// <summary>A scripted LIST/WATCH source: the test sets what LIST returns and drives every watch by hand.</summary>
internal sealed class FakeListWatchSource : IListWatchSource<TestObject>
{
    private readonly Channel<FakeWatch> _watches = Channel.CreateUnbounded<FakeWatch>();

    /// <summary>Answers LIST; by default pages <see cref="Objects"/> with the page size of the request.</summary>
    public Func<ListRequest, ListPage<TestObject>>? OnList { get; set; }

    public List<TestObject> Objects { get; set; } = [];

    public string ListResourceVersion { get; set; } = "100";

    public ConcurrentQueue<ListRequest> ListRequests { get; } = new();

    public Task<ListPage<TestObject>> ListPageAsync(ListRequest request, CancellationToken cancellationToken)
    {
        ListRequests.Enqueue(request);
        if (OnList is { } handler)
        {
            return Task.FromResult(handler(request));
        }

        var start = request.Continue is null ? 0 : int.Parse(request.Continue, System.Globalization.CultureInfo.InvariantCulture);
        var size = request.Limit ?? Objects.Count;
        var page = Objects.Skip(start).Take(size).ToList();
        var next = start + size < Objects.Count ? (start + size).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new ListPage<TestObject>(page, ListResourceVersion, next));
    }

    public IAsyncEnumerable<WatchEvent<TestObject>> WatchAsync(WatchRequest request, CancellationToken cancellationToken)
    {
        var watch = new FakeWatch(request);
        _watches.Writer.TryWrite(watch);
        return watch.ReadAsync(cancellationToken);
    }

    /// <summary>Waits for the informer to open its next watch.</summary>
    public async Task<FakeWatch> NextWatchAsync(TimeSpan? timeout = null) =>
        await _watches.Reader.ReadAsync().AsTask().WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
}
