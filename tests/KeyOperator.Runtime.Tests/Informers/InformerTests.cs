// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Informers;
using KeyOperator.Runtime.Queue;
using KeyOperator.Runtime.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KeyOperator.Runtime.Tests.Informers;

public sealed class InformerTests
{
    // The reflector's first reconnect backoff; the fixture fixes the jitter at zero.
    private static readonly TimeSpan s_firstBackoff = TimeSpan.FromMilliseconds(800);

    [Fact]
    public async Task Start_PagedList_StoresAllPagesThenWatchesFromListVersion()
    {
        await using var fixture = new InformerFixture(null, Obj("a", "1"), Obj("b", "2"), Obj("c", "3"));

        var watch = await fixture.StartAsync();

        Assert.Equal(3, fixture.Informer.Cache.Count);
        Assert.Equal(["0", null], fixture.Source.ListRequests.Select(static r => r.ResourceVersion));
        Assert.Equal([null, "2"], fixture.Source.ListRequests.Select(static r => r.Continue));
        Assert.Equal("100", watch.Request.ResourceVersion);
        Assert.Equal(["add ns/a 1 initial", "add ns/b 2 initial", "add ns/c 3 initial"], fixture.Handler.Calls);
    }

    [Fact]
    public async Task WaitForSyncAsync_BeforeFirstList_DoesNotComplete()
    {
        await using var fixture = new InformerFixture();
        var gate = new TaskCompletionSource();
        fixture.Source.OnList = _ =>
        {
            gate.Task.Wait();
            return new ListPage<TestObject>([], "5", null);
        };

        await fixture.Informer.StartAsync(CancellationToken.None);
        var sync = fixture.Informer.WaitForSyncAsync(CancellationToken.None);
        await Task.Delay(20);

        Assert.False(sync.IsCompleted);
        Assert.False(fixture.Informer.HasSynced);
        gate.SetResult();
        await sync.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(fixture.Informer.HasSynced);
    }

    [Fact]
    public async Task Watch_AddModifyDelete_UpdatesCacheAndCallsHandlers()
    {
        await using var fixture = new InformerFixture(null, Obj("a", "1"));
        var watch = await fixture.StartAsync();

        watch.Send(WatchEventType.Added, Obj("b", "101"));
        watch.Send(WatchEventType.Modified, Obj("a", "102"));
        watch.Send(WatchEventType.Deleted, Obj("b", "103"));
        await fixture.Handler.WaitForCountAsync(4);

        Assert.Equal(["add ns/a 1 initial", "add ns/b 101", "update ns/a 1->102", "delete ns/b"], fixture.Handler.Calls);
        Assert.Equal("102", fixture.Informer.Cache.Get(new QueueKey("ns", "a"))?.ResourceVersion);
        Assert.Null(fixture.Informer.Cache.Get(new QueueKey("ns", "b")));

        // The informer records an event's version only after its handlers returned.
        await Wait.UntilAsync(() => fixture.Informer.LastResourceVersion == "103", "version of the last event");
    }

    [Fact]
    public async Task Watch_Bookmark_MovesVersionWithoutCallingHandlers()
    {
        await using var fixture = new InformerFixture(null, Obj("a", "1"));
        var watch = await fixture.StartAsync();

        watch.Bookmark("250");
        await Wait.UntilAsync(() => fixture.Informer.LastResourceVersion == "250", "bookmark applied");
        watch.Close();
        var next = await fixture.Source.NextWatchAsync();

        Assert.Equal("250", next.Request.ResourceVersion);
        Assert.Single(fixture.Handler.Calls);
        Assert.Single(fixture.Source.ListRequests);
    }

    [Fact]
    public async Task Watch_ClosedMidStream_ResumesFromLastVersionWithoutRelist()
    {
        await using var fixture = new InformerFixture(null, Obj("a", "1"));
        var watch = await fixture.StartAsync();
        fixture.Time.Advance(TimeSpan.FromSeconds(5));
        watch.Send(WatchEventType.Modified, Obj("a", "120"));
        await fixture.Handler.WaitForCountAsync(2);

        watch.Close();
        var next = await fixture.Source.NextWatchAsync();

        Assert.Equal("120", next.Request.ResourceVersion);
        Assert.Single(fixture.Source.ListRequests);
    }

    [Fact]
    public async Task Watch_FailsWithIOException_RetriesWatchFromLastVersionAfterBackoff()
    {
        await using var fixture = new InformerFixture(null, Obj("a", "1"));
        var watch = await fixture.StartAsync();
        watch.Send(WatchEventType.Modified, Obj("a", "130"));
        await fixture.Handler.WaitForCountAsync(2);

        var failedAt = fixture.Time.GetUtcNow();
        watch.Fail(new IOException("connection reset"));
        var next = fixture.Source.NextWatchAsync();
        await Wait.UntilArmedAsync(fixture.Timers, failedAt + s_firstBackoff);
        Assert.False(next.IsCompleted);
        fixture.Time.Advance(s_firstBackoff);

        Assert.Equal("130", (await next).Request.ResourceVersion);
        Assert.Single(fixture.Source.ListRequests);
    }

    [Fact]
    public async Task Watch_ClientSideTimeout_BacksOffInsteadOfSpinning()
    {
        await using var fixture = new InformerFixture(null, Obj("a", "1"));
        var watch = await fixture.StartAsync();

        var failedAt = fixture.Time.GetUtcNow();
        watch.Fail(new TaskCanceledException("HttpClient.Timeout"));
        var next = fixture.Source.NextWatchAsync();
        await Wait.UntilArmedAsync(fixture.Timers, failedAt + s_firstBackoff);
        Assert.False(next.IsCompleted);
        fixture.Time.Advance(s_firstBackoff);

        Assert.Equal("100", (await next).Request.ResourceVersion);
    }

    [Fact]
    public async Task Watch_Expired410_RelistsConsistentlyAndSynthesizesChanges()
    {
        await using var fixture = new InformerFixture(null, Obj("keep", "1"), Obj("change", "2"), Obj("gone", "3"));
        var watch = await fixture.StartAsync();
        fixture.Source.Objects = [Obj("keep", "1"), Obj("change", "500"), Obj("new", "501")];
        fixture.Source.ListResourceVersion = "600";

        var failedAt = fixture.Time.GetUtcNow();
        watch.Fail(new ResourceExpiredException());
        var next = fixture.Source.NextWatchAsync();
        await Wait.UntilArmedAsync(fixture.Timers, failedAt + s_firstBackoff);
        fixture.Time.Advance(s_firstBackoff);

        Assert.Equal("600", (await next).Request.ResourceVersion);
        Assert.Equal(string.Empty, fixture.Source.ListRequests.Last(static r => r.Continue is null).ResourceVersion);
        Assert.Equal(
            ["update ns/change 2->500", "add ns/new 501", "delete ns/gone unknown"],
            fixture.Handler.Calls.Skip(3));
        Assert.Equal(["change", "keep", "new"], fixture.Informer.Cache.List().Select(static o => o.Name).Order());
    }

    [Fact]
    public async Task List_ContinueTokenExpired_RestartsWithConsistentList()
    {
        await using var fixture = new InformerFixture(null, Obj("a", "1"), Obj("b", "2"), Obj("c", "3"));
        var expiredOnce = false;
        fixture.Source.OnList = request =>
        {
            if (request.Continue is not null && !expiredOnce)
            {
                expiredOnce = true;
                throw new ResourceExpiredException();
            }

            return request.Continue is null
                ? new ListPage<TestObject>(fixture.Source.Objects.Take(2).ToList(), "100", "2")
                : new ListPage<TestObject>(fixture.Source.Objects.Skip(2).ToList(), "100", null);
        };

        await fixture.StartAsync();

        Assert.Equal(3, fixture.Informer.Cache.Count);
        Assert.Equal(["0", null, string.Empty, null], fixture.Source.ListRequests.Select(static r => r.ResourceVersion));
    }

    [Fact]
    public async Task Watch_SilentPastTimeoutPlusSlack_WatchdogRestartsIt()
    {
        var options = new InformerOptions { Name = "test", MinWatchTimeout = TimeSpan.FromMinutes(5), WatchdogSlack = TimeSpan.FromSeconds(30) };
        await using var fixture = new InformerFixture(options, Obj("a", "1"));
        var watch = await fixture.StartAsync();

        Assert.Equal(TimeSpan.FromMinutes(5), watch.Request.Timeout);
        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(20);
        var next = fixture.Source.NextWatchAsync();
        Assert.False(next.IsCompleted);

        fixture.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal("100", (await next).Request.ResourceVersion);
        Assert.Single(fixture.Source.ListRequests);
    }

    [Fact]
    public async Task Watch_Timeout_IsRandomizedBetweenFiveAndTenMinutes()
    {
        await using var fixture = new InformerFixture();
        fixture.Informer.Random = static () => 0.5;

        var watch = await fixture.StartAsync();

        Assert.Equal(TimeSpan.FromMinutes(7.5), watch.Request.Timeout);
    }

    [Fact]
    public async Task LabelSelector_SentToServerAndObjectLosingLabelLeavesCache()
    {
        var managed = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "key-operator" };
        var options = new InformerOptions { Name = "secrets", LabelSelector = EqualitySelector.ManagedByKeyOperator };
        await using var fixture = new InformerFixture(options, Obj("a", "1") with { Labels = managed }, Obj("stray", "2"));

        var watch = await fixture.StartAsync();
        watch.Send(WatchEventType.Modified, Obj("a", "110"));
        await fixture.Handler.WaitForCountAsync(2);

        Assert.Equal(EqualitySelector.ManagedByKeyOperator, fixture.Source.ListRequests.First().LabelSelector);
        Assert.Equal(EqualitySelector.ManagedByKeyOperator, watch.Request.LabelSelector);
        Assert.Equal(["add ns/a 1 initial", "delete ns/a"], fixture.Handler.Calls);
        Assert.Equal(0, fixture.Informer.Cache.Count);
    }

    [Fact]
    public async Task AddHandler_AfterSync_ReplaysCachedObjects()
    {
        await using var fixture = new InformerFixture(null, Obj("a", "1"));
        await fixture.StartAsync();
        var late = new RecordingHandler();

        fixture.Informer.AddHandler(late);

        Assert.Equal(["add ns/a 1 initial"], late.Calls);
    }

    [Fact]
    public async Task Handler_Throws_InformerKeepsFollowing()
    {
        await using var fixture = new InformerFixture(null, Obj("a", "1"));
        fixture.Informer.AddHandler(new ThrowingHandler());
        var watch = await fixture.StartAsync();

        watch.Send(WatchEventType.Added, Obj("b", "101"));
        await fixture.Handler.WaitForCountAsync(2);

        Assert.NotNull(fixture.Informer.Cache.Get(new QueueKey("ns", "b")));
    }

    [Fact]
    public async Task Indexes_NamespaceOwnerAndLabel_ReturnMatchingObjects()
    {
        var owner = new OwnerInfo("keyoperator.io/v1", "ApiKey", "key", "owner-uid", true);
        await using var fixture = new InformerFixture(
            null,
            Obj("a", "1") with { Owners = [owner], Labels = new Dictionary<string, string> { ["tier"] = "gold" } },
            Obj("b", "2"),
            new TestObject("other", "c", "3"));
        var watch = await fixture.StartAsync();
        var cache = fixture.Informer.Cache;

        Assert.Equal(["a", "b"], cache.ByIndex(IndexNames.Namespace, "ns").Select(static o => o.Name).Order());
        Assert.Equal("a", Assert.Single(cache.ByIndex(IndexNames.OwnerUid, "owner-uid")).Name);
        Assert.Equal("a", Assert.Single(cache.ByIndex(IndexNames.Label, "tier=gold")).Name);

        watch.Send(WatchEventType.Modified, Obj("a", "5"));
        await fixture.Handler.WaitForCountAsync(4);
        Assert.Empty(cache.ByIndex(IndexNames.OwnerUid, "owner-uid"));
        Assert.Empty(cache.ByIndex(IndexNames.Label, "tier=gold"));
    }

    [Theory]
    [InlineData("a!=b", 500, "LabelSelector")]
    [InlineData(null, 0, "PageSize")]
    public void AddKeyOperatorInformer_InvalidOptions_FailsAtStart(string? selector, int pageSize, string member)
    {
        using ServiceProvider provider = new ServiceCollection()
            .AddKeyOperatorInformer(
                static _ => new FakeListWatchSource(),
                TestObjectAccessor.Instance,
                o =>
                {
                    o.LabelSelector = selector;
                    o.PageSize = pageSize;
                })
            .BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(member, ex.Message, StringComparison.Ordinal);
    }

    private static TestObject Obj(string name, string resourceVersion) => new("ns", name, resourceVersion);

    private sealed class ThrowingHandler : IInformerEventHandler<TestObject>
    {
        public void OnAdd(TestObject obj, bool isInInitialList) => throw new InvalidOperationException("boom");

        public void OnUpdate(TestObject oldObj, TestObject newObj) => throw new InvalidOperationException("boom");

        public void OnDelete(TestObject obj, bool finalStateUnknown) => throw new InvalidOperationException("boom");
    }
}
