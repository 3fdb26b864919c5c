// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;

namespace KeyOperator.ControlPlane.Tests.Faults;

public sealed class FaultInjectorTests
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    [Fact]
    public async Task FailNext_MatchingRequests_FailThenRecover()
    {
        await using var plane = await TestPlane.StartAsync();
        plane.Plane.Faults.FailNext(2, 503, verb: "list", resource: "configmaps", retryAfter: TimeSpan.FromSeconds(3));

        using var first = await plane.Client.GetAsync(ConfigMaps);
        var second = await plane.GetAsync(ConfigMaps);
        var other = await plane.GetAsync("/api/v1/namespaces/default/secrets");
        var third = await plane.GetAsync(ConfigMaps);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal("3", first.Headers.RetryAfter!.ToString());
        Assert.Equal("ServiceUnavailable", second.Reason);
        Assert.Equal(HttpStatusCode.OK, other.Status);
        Assert.Equal(HttpStatusCode.OK, third.Status);
    }

    [Fact]
    public async Task FailNext_ByName_OnlyHitsThatObject()
    {
        await using var plane = await TestPlane.StartAsync();
        await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"a"}}""");
        await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"b"}}""");
        plane.Plane.Faults.FailNext(1, 409, verb: "get", resource: "configmaps", @namespace: "default", name: "b");

        var a = await plane.GetAsync(ConfigMaps + "/a");
        var b = await plane.GetAsync(ConfigMaps + "/b");

        Assert.Equal(HttpStatusCode.OK, a.Status);
        Assert.Equal(HttpStatusCode.Conflict, b.Status);
        Assert.Equal("Conflict", b.Reason);
    }

    [Fact]
    public async Task Delay_MatchingRequest_StillSucceeds()
    {
        await using var plane = await TestPlane.StartAsync();
        plane.Plane.Faults.Delay(TimeSpan.FromMilliseconds(200), verb: "get", count: 1);

        var response = await plane.GetAsync("/api/v1/namespaces/default");

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task CloseAllWatches_WithExpired_SendsErrorThenEndsStream()
    {
        await using var plane = await TestPlane.StartAsync();
        var list = await plane.GetAsync(ConfigMaps);
        await using var watch = await WatchStream.OpenAsync(plane, ConfigMaps + "?watch=true&resourceVersion=" + list.ResourceVersion);
        await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"a"}}""");
        var added = await watch.NextAsync();

        plane.Plane.Faults.CloseAllWatches(sendExpired: true);
        var error = await watch.NextAsync();
        var end = await watch.NextAsync();

        Assert.Equal("ADDED", added!["type"]!.GetValue<string>());
        Assert.Equal("ERROR", error!["type"]!.GetValue<string>());
        Assert.Equal(410, error["object"]!["code"]!.GetValue<int>());
        Assert.Null(end);
    }

    [Fact]
    public async Task CompactHistory_ThenWatchFromOldVersion_GetsExpired()
    {
        await using var plane = await TestPlane.StartAsync();
        var old = await plane.GetAsync(ConfigMaps);
        await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"a"}}""");
        plane.Plane.Faults.CompactHistory();
        var current = await plane.GetAsync(ConfigMaps);

        await using var stale = await WatchStream.OpenAsync(plane, ConfigMaps + "?watch=true&resourceVersion=" + old.ResourceVersion);
        var error = await stale.NextAsync();
        await using var fresh = await WatchStream.OpenAsync(plane, ConfigMaps + "?watch=true&resourceVersion=" + current.ResourceVersion);
        await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"b"}}""");
        var next = await fresh.NextAsync();

        Assert.Equal("ERROR", error!["type"]!.GetValue<string>());
        Assert.Equal("Expired", error["object"]!["reason"]!.GetValue<string>());
        Assert.Equal("b", next!["object"]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reset_AfterRules_ClearsThem()
    {
        await using var plane = await TestPlane.StartAsync();
        plane.Plane.Faults.FailNext(5, 500);

        plane.Plane.Faults.Reset();
        var response = await plane.GetAsync(ConfigMaps);

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }
}
