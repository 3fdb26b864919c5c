// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using KeyOperator.ControlPlane.Tests.Crds;

namespace KeyOperator.ControlPlane.Tests.Patching;

public sealed class ServerSideApplyTests
{
    private const string Apply = "application/apply-patch+yaml";
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    [Fact]
    public async Task Apply_MissingObject_CreatesWith201AndManagedFields()
    {
        await using var plane = await TestPlane.StartAsync();

        var response = await plane.PatchAsync(ConfigMaps + "/c?fieldManager=tool", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: \"1\"\n", Apply);

        Assert.Equal(HttpStatusCode.Created, response.Status);
        var entry = response.Json!["metadata"]!["managedFields"]![0]!;
        Assert.Equal("tool", entry["manager"]!.GetValue<string>());
        Assert.Equal("Apply", entry["operation"]!.GetValue<string>());
        Assert.Equal("FieldsV1", entry["fieldsType"]!.GetValue<string>());
        Assert.NotNull(entry["fieldsV1"]!["f:data"]!["f:a"]);
    }

    [Fact]
    public async Task Apply_SameBodyTwice_DoesNotBumpResourceVersion()
    {
        await using var plane = await TestPlane.StartAsync();
        const string body = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","labels":{"x":"y"}},"data":{"a":"1"}}""";

        var first = await plane.PatchAsync(ConfigMaps + "/c?fieldManager=tool", body, Apply);
        var second = await plane.PatchAsync(ConfigMaps + "/c?fieldManager=tool", body, Apply);

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(first.ResourceVersion, second.ResourceVersion);
    }

    [Fact]
    public async Task Apply_WithoutFieldManager_Returns422()
    {
        await using var plane = await TestPlane.StartAsync();

        var response = await plane.PatchAsync(ConfigMaps + "/c", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}}""", Apply);

        Assert.Equal((HttpStatusCode)422, response.Status);
        Assert.Equal("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch", response.Message);
    }

    [Fact]
    public async Task Apply_FieldOwnedByOtherManager_ConflictsUnlessForced()
    {
        await using var plane = await TestPlane.StartAsync();
        await plane.PatchAsync(ConfigMaps + "/c?fieldManager=alice", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1"}}""", Apply);

        var conflict = await plane.PatchAsync(ConfigMaps + "/c?fieldManager=bob", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"2"}}""", Apply);
        var sameValue = await plane.PatchAsync(ConfigMaps + "/c?fieldManager=carol", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1"}}""", Apply);
        var forced = await plane.PatchAsync(ConfigMaps + "/c?fieldManager=bob&force=true", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"2"}}""", Apply);

        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        Assert.Equal("Conflict", conflict.Reason);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"alice\" using v1: .data.a", conflict.Message);
        var cause = conflict.Json!["details"]!["causes"]![0]!;
        Assert.Equal("FieldManagerConflict", cause["reason"]!.GetValue<string>());
        Assert.Equal(".data.a", cause["field"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, sameValue.Status);
        Assert.Equal(HttpStatusCode.OK, forced.Status);
        Assert.Equal("2", forced.Json!["data"]!["a"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apply_FieldDroppedFromConfiguration_IsRemoved()
    {
        await using var plane = await TestPlane.StartAsync();
        await plane.PatchAsync(ConfigMaps + "/c?fieldManager=tool", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1","b":"2"}}""", Apply);

        var response = await plane.PatchAsync(ConfigMaps + "/c?fieldManager=tool", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1"}}""", Apply);

        Assert.Null(response.Json!["data"]!["b"]);
        Assert.Equal("1", response.Json!["data"]!["a"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apply_ListMapFromSchema_MergesByKeyAcrossManagers()
    {
        await using var plane = await TestPlane.StartAsync();
        await WidgetCrd.InstallAsync(plane);
        await plane.PatchAsync(WidgetCrd.Widgets + "/w?fieldManager=a", WidgetCrd.Widget("w", """{"size":"S","ports":[{"name":"http","port":80}],"tags":["x"]}"""), Apply);

        var response = await plane.PatchAsync(WidgetCrd.Widgets + "/w?fieldManager=b", WidgetCrd.Widget("w", """{"ports":[{"name":"https","port":443}],"tags":["y"]}"""), Apply);

        Assert.True(response.Status == HttpStatusCode.OK, response.Text);
        var ports = response.Json!["spec"]!["ports"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["http", "https"], ports);
        Assert.Equal(["x", "y"], response.Json!["spec"]!["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ToList());
        Assert.Equal("S", response.Json!["spec"]!["size"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apply_DryRun_PersistsNothing()
    {
        await using var plane = await TestPlane.StartAsync();

        var response = await plane.PatchAsync(ConfigMaps + "/c?fieldManager=tool&dryRun=All", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}}""", Apply);

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await plane.GetAsync(ConfigMaps + "/c")).Status);
    }

    [Fact]
    public async Task Update_ByOtherManager_RecordsUpdateEntry()
    {
        await using var plane = await TestPlane.StartAsync();
        await plane.PatchAsync(ConfigMaps + "/c?fieldManager=tool", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1"}}""", Apply);

        var response = await plane.PatchAsync(ConfigMaps + "/c?fieldManager=kubectl-patch", """{"data":{"b":"2"}}""", "application/merge-patch+json");

        var managers = response.Json!["metadata"]!["managedFields"]!.AsArray().Select(e => e!["manager"]!.GetValue<string>() + "/" + e["operation"]!.GetValue<string>()).ToList();
        Assert.Equal(["tool/Apply", "kubectl-patch/Update"], managers);
    }
}
