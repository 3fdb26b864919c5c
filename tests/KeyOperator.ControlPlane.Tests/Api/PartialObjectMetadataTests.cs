// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;

namespace KeyOperator.ControlPlane.Tests.Api;

/// <summary>Metadata-only reads, as client-go's metadata client asks for them.</summary>
public sealed class PartialObjectMetadataTests
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";
    private const string ListAccept = "application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";
    private const string ObjectAccept = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1";

    [Fact]
    public async Task List_AsPartialObjectMetadataList_ReturnsMetadataOnly()
    {
        await using var plane = await TestPlane.StartAsync();
        await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"c1","labels":{"a":"b"}},"data":{"secret":"x"}}""");

        var list = await plane.SendAsync(HttpMethod.Get, ConfigMaps, accept: ListAccept);

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal("PartialObjectMetadataList", list.Json!["kind"]!.GetValue<string>());
        Assert.Equal("meta.k8s.io/v1", list.Json!["apiVersion"]!.GetValue<string>());
        Assert.NotNull(list.ResourceVersion);
        var item = list.Json!["items"]![0]!;
        Assert.Equal("PartialObjectMetadata", item["kind"]!.GetValue<string>());
        Assert.Equal("b", item["metadata"]!["labels"]!["a"]!.GetValue<string>());
        Assert.Null(item["data"]);
    }

    [Fact]
    public async Task GetAndWatch_AsPartialObjectMetadata_ReturnMetadataOnly()
    {
        await using var plane = await TestPlane.StartAsync();
        var created = await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"c1"},"data":{"secret":"x"}}""");

        var get = await plane.SendAsync(HttpMethod.Get, ConfigMaps + "/c1", accept: ObjectAccept);
        await using var watch = await WatchStream.OpenAsync(plane, ConfigMaps + "?watch=true&resourceVersion=0", ObjectAccept);
        var added = await watch.NextChangeAsync();

        Assert.Equal("PartialObjectMetadata", get.Json!["kind"]!.GetValue<string>());
        Assert.Equal(created["metadata"]!["uid"]!.GetValue<string>(), get.Json!["metadata"]!["uid"]!.GetValue<string>());
        Assert.Null(get.Json!["data"]);
        Assert.Equal("ADDED", added!["type"]!.GetValue<string>());
        Assert.Equal("PartialObjectMetadata", added["object"]!["kind"]!.GetValue<string>());
        Assert.Null(added["object"]!["data"]);
    }
}
