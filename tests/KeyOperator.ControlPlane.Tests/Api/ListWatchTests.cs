// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;

namespace KeyOperator.ControlPlane.Tests.Api;

public sealed class ListWatchTests
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    private static async Task SeedAsync(TestPlane plane)
    {
        await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"a","labels":{"tier":"gold","app":"x"}}}""");
        await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"b","labels":{"tier":"silver","app":"x"}}}""");
        await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"c","labels":{"tier":"bronze"}}}""");
        await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"d"}}""");
    }

    [Theory]
    [InlineData("labelSelector=tier%3Dgold", "a")]
    [InlineData("labelSelector=tier%3D%3Dgold", "a")]
    [InlineData("labelSelector=tier!%3Dgold", "b,c,d")]
    [InlineData("labelSelector=tier%20in%20(gold,silver)", "a,b")]
    [InlineData("labelSelector=tier%20notin%20(gold,silver)", "c,d")]
    [InlineData("labelSelector=app", "a,b")]
    [InlineData("labelSelector=!app", "c,d")]
    [InlineData("labelSelector=app,tier%3Dsilver", "b")]
    [InlineData("fieldSelector=metadata.name%3Dc", "c")]
    [InlineData("fieldSelector=metadata.name!%3Dc", "a,b,d")]
    [InlineData("fieldSelector=metadata.namespace%3Ddefault,metadata.name%3Dd", "d")]
    public async Task List_WithSelector_ReturnsMatchingItems(string query, string expected)
    {
        await using var plane = await TestPlane.StartAsync();
        await SeedAsync(plane);

        var response = await plane.GetAsync(ConfigMaps + "?" + query);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var names = response.Json!["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(expected, string.Join(",", names));
    }

    [Fact]
    public async Task List_ClusterWide_IncludesAllNamespacesAndListResourceVersion()
    {
        await using var plane = await TestPlane.StartAsync();
        await plane.CreateNamespaceAsync("other");
        await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"a"}}""");
        await plane.CreateAsync("/api/v1/namespaces/other/configmaps", """{"metadata":{"name":"a"}}""");

        var response = await plane.GetAsync("/api/v1/configmaps");

        Assert.Equal(2, response.Json!["items"]!.AsArray().Count);
        Assert.NotNull(response.ResourceVersion);
        Assert.Equal("ConfigMap", response.Json!["items"]![0]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_WithLimit_PagesThroughContinueTokens()
    {
        await using var plane = await TestPlane.StartAsync();
        await SeedAsync(plane);

        var first = await plane.GetAsync(ConfigMaps + "?limit=3");
        var token = first.Json!["metadata"]!["continue"]!.GetValue<string>();
        var second = await plane.GetAsync(ConfigMaps + "?limit=3&continue=" + Uri.EscapeDataString(token));

        Assert.Equal(3, first.Json!["items"]!.AsArray().Count);
        Assert.Equal(1, first.Json!["metadata"]!["remainingItemCount"]!.GetValue<long>());
        Assert.Single(second.Json!["items"]!.AsArray());
        Assert.Equal("d", second.Json!["items"]![0]!["metadata"]!["name"]!.GetValue<string>());
        Assert.Null(second.Json!["metadata"]!["continue"]);
        Assert.Equal(first.ResourceVersion, second.ResourceVersion);
    }

    [Fact]
    public async Task List_ContinueAfterCompaction_Returns410Expired()
    {
        await using var plane = await TestPlane.StartAsync();
        await SeedAsync(plane);
        var first = await plane.GetAsync(ConfigMaps + "?limit=2");
        await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"e"}}""");
        plane.Plane.Faults.CompactHistory();

        var second = await plane.GetAsync(ConfigMaps + "?limit=2&continue=" + Uri.EscapeDataString(first.Json!["metadata"]!["continue"]!.GetValue<string>()));

        Assert.Equal(HttpStatusCode.Gone, second.Status);
        Assert.Equal("Expired", second.Reason);
    }

    [Fact]
    public async Task List_InvalidContinue_Returns400()
    {
        await using var plane = await TestPlane.StartAsync();

        var response = await plane.GetAsync(ConfigMaps + "?continue=garbage");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task Watch_WithoutResourceVersion_SendsSyntheticAddedThenLiveEvents()
    {
        await using var plane = await TestPlane.StartAsync();
        await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"a"}}""");
        await using var watch = await WatchStream.OpenAsync(plane, ConfigMaps + "?watch=true");

        var initial = await watch.NextAsync();
        await plane.PatchAsync(ConfigMaps + "/a", """{"data":{"k":"v"}}""", "application/merge-patch+json");
        var modified = await watch.NextAsync();
        await plane.DeleteAsync(ConfigMaps + "/a");
        var deleted = await watch.NextAsync();

        Assert.Equal(HttpStatusCode.OK, watch.Status);
        Assert.Equal("ADDED", initial!["type"]!.GetValue<string>());
        Assert.Equal("MODIFIED", modified!["type"]!.GetValue<string>());
        Assert.Equal("v", modified["object"]!["data"]!["k"]!.GetValue<string>());
        Assert.Equal("DELETED", deleted!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Watch_FromListResourceVersion_SendsOnlyLaterEvents()
    {
        await using var plane = await TestPlane.StartAsync();
        await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"a"}}""");
        var list = await plane.GetAsync(ConfigMaps);
        await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"b"}}""");
        await using var watch = await WatchStream.OpenAsync(plane, ConfigMaps + "?watch=1&resourceVersion=" + list.ResourceVersion);

        var next = await watch.NextAsync();

        Assert.Equal("ADDED", next!["type"]!.GetValue<string>());
        Assert.Equal("b", next["object"]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Watch_FromCompactedResourceVersion_SendsErrorExpiredAndCloses()
    {
        await using var plane = await TestPlane.StartAsync(new LocalControlPlaneOptions { WatchHistoryWindow = 2 });
        await SeedAsync(plane);
        await using var watch = await WatchStream.OpenAsync(plane, ConfigMaps + "?watch=true&resourceVersion=1001");

        var error = await watch.NextAsync();
        var end = await watch.NextAsync();

        Assert.Equal(HttpStatusCode.OK, watch.Status);
        Assert.Equal("ERROR", error!["type"]!.GetValue<string>());
        Assert.Equal(410, error["object"]!["code"]!.GetValue<int>());
        Assert.Equal("Expired", error["object"]!["reason"]!.GetValue<string>());
        Assert.StartsWith("too old resource version: 1001 (", error["object"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(end);
    }

    [Fact]
    public async Task Watch_WithFieldSelector_FiltersAndTranslatesTransitions()
    {
        await using var plane = await TestPlane.StartAsync();
        await SeedAsync(plane);
        await using var watch = await WatchStream.OpenAsync(plane, ConfigMaps + "?watch=true&labelSelector=tier%3Dgold&resourceVersion=0");

        var initial = await watch.NextAsync();
        await plane.PatchAsync(ConfigMaps + "/b", """{"metadata":{"labels":{"tier":"gold"}}}""", "application/merge-patch+json");
        var joined = await watch.NextAsync();
        await plane.PatchAsync(ConfigMaps + "/a", """{"metadata":{"labels":{"tier":"lead"}}}""", "application/merge-patch+json");
        var left = await watch.NextAsync();

        Assert.Equal("a", initial!["object"]!["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("ADDED", joined!["type"]!.GetValue<string>());
        Assert.Equal("b", joined["object"]!["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("DELETED", left!["type"]!.GetValue<string>());
        Assert.Equal("a", left["object"]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Watch_ClusterWide_SeesEveryNamespace()
    {
        await using var plane = await TestPlane.StartAsync();
        await plane.CreateNamespaceAsync("other");
        var list = await plane.GetAsync("/api/v1/secrets");
        await using var watch = await WatchStream.OpenAsync(plane, "/api/v1/secrets?watch=true&resourceVersion=" + list.ResourceVersion);

        await plane.CreateAsync("/api/v1/namespaces/default/secrets", """{"metadata":{"name":"s"}}""");
        await plane.CreateAsync("/api/v1/namespaces/other/secrets", """{"metadata":{"name":"s"}}""");
        var first = await watch.NextAsync();
        var second = await watch.NextAsync();

        Assert.Equal("default", first!["object"]!["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal("other", second!["object"]!["metadata"]!["namespace"]!.GetValue<string>());
    }

    [Fact]
    public async Task Watch_WithTimeoutSeconds_EndsStreamWithBookmark()
    {
        await using var plane = await TestPlane.StartAsync();
        var list = await plane.GetAsync(ConfigMaps);
        await using var watch = await WatchStream.OpenAsync(plane, ConfigMaps + "?watch=true&allowWatchBookmarks=true&timeoutSeconds=1&resourceVersion=" + list.ResourceVersion);

        var rest = await watch.ReadToEndAsync();

        Assert.Contains("\"type\":\"BOOKMARK\"", rest, StringComparison.Ordinal);
        Assert.Contains("\"resourceVersion\":\"" + list.ResourceVersion + "\"", rest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_WithBookmarks_SendsPeriodicBookmark()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var plane = await TestPlane.StartAsync(new LocalControlPlaneOptions { TimeProvider = time });
        var list = await plane.GetAsync(ConfigMaps);
        await using var watch = await WatchStream.OpenAsync(plane, ConfigMaps + "?watch=true&allowWatchBookmarks=true&resourceVersion=" + list.ResourceVersion);

        var next = Task.Run(() => watch.NextAsync());
        for (var i = 0; i < 100 && !next.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(50);
        }

        var bookmark = await next;
        Assert.Equal("BOOKMARK", bookmark!["type"]!.GetValue<string>());
        Assert.Equal("ConfigMap", bookmark["object"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_WithTableAccept_ReturnsTableWithRowsAndObjects()
    {
        await using var plane = await TestPlane.StartAsync();
        await SeedAsync(plane);

        var response = await plane.SendAsync(HttpMethod.Get, ConfigMaps + "?limit=500", accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");

        Assert.Equal("Table", response.Json!["kind"]!.GetValue<string>());
        Assert.Equal(4, response.Json!["rows"]!.AsArray().Count);
        Assert.Equal("PartialObjectMetadata", response.Json!["rows"]![0]!["object"]!["kind"]!.GetValue<string>());
        Assert.NotNull(response.ResourceVersion);
    }
}
