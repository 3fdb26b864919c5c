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
    public async Task Fail_WithSkip_FailsOnlyTheMatchingWriteAfterTheSkippedOnes()
    {
        await using var plane = await TestPlane.StartAsync();
        FaultHandle handle = plane.Plane.Faults.Fail(FaultTarget.Writes("default", "configmaps"), 500, count: 1, skip: 2);

        var first = await plane.PostAsync(ConfigMaps, """{"metadata":{"name":"a"}}""");
        var read = await plane.GetAsync(ConfigMaps + "/a");
        var second = await plane.PostAsync(ConfigMaps, """{"metadata":{"name":"b"}}""");
        Assert.False(handle.FirstFailure.IsCompleted);
        var third = await plane.PostAsync(ConfigMaps, """{"metadata":{"name":"c"}}""");
        var fourth = await plane.PostAsync(ConfigMaps, """{"metadata":{"name":"d"}}""");

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.InternalServerError, HttpStatusCode.Created], [first.Status, read.Status, second.Status, third.Status, fourth.Status]);
        Assert.Equal(1, handle.Failures);
        FaultRequest failed = await handle.FirstFailure;
        Assert.Equal(("create", "configmaps", "default"), (failed.Verb, failed.Resource, failed.Namespace));
        Assert.Equal(HttpStatusCode.NotFound, (await plane.GetAsync(ConfigMaps + "/c")).Status);
    }

    [Theory]
    [InlineData("keyoperator/1.0", true)]
    [InlineData("kubectl/v1.32.0", false)]
    public async Task Fail_UserAgentPrefix_OnlyThatClientFails(string userAgent, bool fails)
    {
        await using var plane = await TestPlane.StartAsync();
        plane.Plane.Faults.Fail(FaultTarget.Writes("default") with { UserAgentPrefix = "keyoperator" }, 503);
        using HttpRequestMessage request = new(HttpMethod.Post, ConfigMaps) { Content = new StringContent("""{"metadata":{"name":"a"}}""", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);

        using var response = await plane.Client.SendAsync(request);

        Assert.Equal(fails ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Record_MatchingRequests_InArrivalOrderIncludingFailedOnes()
    {
        await using var plane = await TestPlane.StartAsync();
        using RequestRecording recording = plane.Plane.Faults.Record(FaultTarget.Writes("default"));
        plane.Plane.Faults.FailNext(1, 500, verb: "delete");

        await plane.PostAsync(ConfigMaps, """{"metadata":{"name":"a"}}""");
        await plane.GetAsync(ConfigMaps + "/a");
        await plane.PatchAsync(ConfigMaps + "/a", """{"data":{"k":"v"}}""", "application/merge-patch+json");
        await plane.DeleteAsync(ConfigMaps + "/a");
        recording.Dispose();
        await plane.DeleteAsync(ConfigMaps + "/a");

        Assert.Equal(["create", "patch", "delete"], recording.Requests.Select(r => r.Verb));
        Assert.All(recording.Requests, r => Assert.Equal("configmaps", r.Resource));
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
