// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using System.Text.Json.Nodes;

namespace KeyOperator.ControlPlane.Tests.Api;

public sealed class DeletionTests
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";
    private const string Secrets = "/api/v1/namespaces/default/secrets";

    [Fact]
    public async Task Delete_BuiltInWithoutFinalizers_RemovesObjectAndReturnsStatusSuccess()
    {
        await using var plane = await TestPlane.StartAsync();
        var created = await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"c"}}""");

        var deleted = await plane.DeleteAsync(ConfigMaps + "/c", """{"propagationPolicy":"Background"}""");
        var after = await plane.GetAsync(ConfigMaps + "/c");

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal("Success", deleted.Json!["status"]!.GetValue<string>());
        Assert.Equal("configmaps", deleted.Json!["details"]!["kind"]!.GetValue<string>());
        Assert.Equal(created["metadata"]!["uid"]!.GetValue<string>(), deleted.Json!["details"]!["uid"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, after.Status);
    }

    [Fact]
    public async Task Delete_CustomResource_ReturnsTheDeletedObject()
    {
        await using var plane = await TestPlane.StartAsync();
        await Crds.WidgetCrd.InstallAsync(plane);
        var created = await plane.CreateAsync(Crds.WidgetCrd.Widgets, Crds.WidgetCrd.Widget("w", """{"size":"S"}"""));

        var deleted = await plane.DeleteAsync(Crds.WidgetCrd.Widgets + "/w");

        Assert.Equal("Widget", deleted.Json!["kind"]!.GetValue<string>());
        Assert.Equal(created["metadata"]!["uid"]!.GetValue<string>(), deleted.Json!["metadata"]!["uid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_Missing_Returns404()
    {
        await using var plane = await TestPlane.StartAsync();

        var response = await plane.DeleteAsync(ConfigMaps + "/none");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("configmaps \"none\" not found", response.Message);
    }

    [Fact]
    public async Task Delete_WithFinalizer_HoldsObjectUntilFinalizerRemoved()
    {
        await using var plane = await TestPlane.StartAsync();
        await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"c","finalizers":["example.com/cleanup"]}}""");
        await using var watch = await WatchStream.OpenAsync(plane, ConfigMaps + "?watch=true&resourceVersion=0");
        await watch.NextAsync();

        var deleted = await plane.DeleteAsync(ConfigMaps + "/c");
        var held = await plane.GetAsync(ConfigMaps + "/c");
        var added = await plane.PatchAsync(ConfigMaps + "/c", """{"metadata":{"finalizers":["example.com/cleanup","example.com/other"]}}""", "application/merge-patch+json");
        var marked = await watch.NextAsync();
        var released = await plane.PatchAsync(ConfigMaps + "/c", """{"metadata":{"finalizers":null}}""", "application/merge-patch+json");
        var gone = await watch.NextAsync();
        var after = await plane.GetAsync(ConfigMaps + "/c");

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.NotNull(held.Json!["metadata"]!["deletionTimestamp"]);
        Assert.Equal(0, held.Json!["metadata"]!["deletionGracePeriodSeconds"]!.GetValue<long>());
        Assert.Equal((HttpStatusCode)422, added.Status);
        Assert.Contains("no new finalizers can be added if the object is being deleted", added.Message, StringComparison.Ordinal);
        Assert.Equal("MODIFIED", marked!["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, released.Status);
        Assert.Equal("DELETED", gone!["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, after.Status);
    }

    [Theory]
    [InlineData("""{"preconditions":{"uid":"00000000-0000-0000-0000-000000000000"}}""", "Precondition failed: UID in precondition: 00000000-0000-0000-0000-000000000000")]
    [InlineData("""{"preconditions":{"resourceVersion":"1"}}""", "Precondition failed: ResourceVersion in precondition: 1")]
    public async Task Delete_FailedPrecondition_Returns409(string body, string expected)
    {
        await using var plane = await TestPlane.StartAsync();
        await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"c"}}""");

        var response = await plane.DeleteAsync(ConfigMaps + "/c", body);

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.Contains(expected, response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_OptionsInQuery_AreHonoured()
    {
        await using var plane = await TestPlane.StartAsync();
        await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"c"}}""");

        var dry = await plane.DeleteAsync(ConfigMaps + "/c?dryRun=All");
        var orphan = await plane.DeleteAsync(ConfigMaps + "/c?propagationPolicy=Orphan");

        Assert.Equal(HttpStatusCode.OK, dry.Status);
        Assert.Equal(HttpStatusCode.OK, orphan.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await plane.GetAsync(ConfigMaps + "/c")).Status);
    }

    private static async Task<(JsonObject Owner, string Dependent)> OwnerWithDependentAsync(TestPlane plane, bool block, string? dependentFinalizer = null)
    {
        var owner = await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"owner"}}""");
        var uid = owner["metadata"]!["uid"]!.GetValue<string>();
        var finalizers = dependentFinalizer is null ? string.Empty : $",\"finalizers\":[\"{dependentFinalizer}\"]";
        var blockText = block ? "true" : "false";
        await plane.CreateAsync(Secrets, "{\"metadata\":{\"name\":\"dep\"" + finalizers + ",\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":\"owner\",\"uid\":\"" + uid + "\",\"blockOwnerDeletion\":" + blockText + "}]}}");
        return (owner, Secrets + "/dep");
    }

    [Fact]
    public async Task Delete_Background_DeletesDependentsAfterOwner()
    {
        await using var plane = await TestPlane.StartAsync();
        var (_, dependent) = await OwnerWithDependentAsync(plane, block: false);

        await plane.DeleteAsync(ConfigMaps + "/owner", """{"propagationPolicy":"Background"}""");

        Assert.Equal(HttpStatusCode.NotFound, (await plane.GetAsync(ConfigMaps + "/owner")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await plane.GetAsync(dependent)).Status);
    }

    [Fact]
    public async Task Delete_Foreground_WaitsForBlockingDependents()
    {
        await using var plane = await TestPlane.StartAsync();
        var (_, dependent) = await OwnerWithDependentAsync(plane, block: true, dependentFinalizer: "example.com/hold");

        var response = await plane.DeleteAsync(ConfigMaps + "/owner", """{"propagationPolicy":"Foreground"}""");
        var ownerWhileBlocked = await plane.GetAsync(ConfigMaps + "/owner");
        var dependentWhileBlocked = await plane.GetAsync(dependent);
        await plane.PatchAsync(dependent, """{"metadata":{"finalizers":null}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains("foregroundDeletion", ownerWhileBlocked.Json!["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.NotNull(ownerWhileBlocked.Json!["metadata"]!["deletionTimestamp"]);
        Assert.NotNull(dependentWhileBlocked.Json!["metadata"]!["deletionTimestamp"]);
        Assert.Equal(HttpStatusCode.NotFound, (await plane.GetAsync(dependent)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await plane.GetAsync(ConfigMaps + "/owner")).Status);
    }

    [Fact]
    public async Task Delete_Orphan_KeepsDependentsAndDropsTheirOwnerReference()
    {
        await using var plane = await TestPlane.StartAsync();
        var (_, dependent) = await OwnerWithDependentAsync(plane, block: true);

        await plane.DeleteAsync(ConfigMaps + "/owner", """{"propagationPolicy":"Orphan"}""");
        var orphan = await plane.GetAsync(dependent);

        Assert.Equal(HttpStatusCode.NotFound, (await plane.GetAsync(ConfigMaps + "/owner")).Status);
        Assert.Equal(HttpStatusCode.OK, orphan.Status);
        Assert.Null(orphan.Json!["metadata"]!["ownerReferences"]);
    }

    [Fact]
    public async Task DeleteNamespace_WithContents_TerminatesDeletesContentsThenNamespace()
    {
        await using var plane = await TestPlane.StartAsync();
        await plane.CreateNamespaceAsync("demo");
        await plane.CreateAsync("/api/v1/namespaces/demo/configmaps", """{"metadata":{"name":"c","finalizers":["example.com/hold"]}}""");
        await plane.CreateAsync("/api/v1/namespaces/demo/secrets", """{"metadata":{"name":"s"}}""");
        var list = await plane.GetAsync("/api/v1/namespaces?fieldSelector=metadata.name%3Ddemo");
        await using var watch = await WatchStream.OpenAsync(plane, "/api/v1/namespaces?watch=true&fieldSelector=metadata.name%3Ddemo&resourceVersion=" + list.ResourceVersion);

        var deleted = await plane.DeleteAsync("/api/v1/namespaces/demo", """{"propagationPolicy":"Background"}""");
        var terminating = await plane.GetAsync("/api/v1/namespaces/demo");
        var createInTerminating = await plane.PostAsync("/api/v1/namespaces/demo/configmaps", """{"metadata":{"name":"late"}}""");
        var secretGone = await plane.GetAsync("/api/v1/namespaces/demo/secrets/s");
        await plane.PatchAsync("/api/v1/namespaces/demo/configmaps/c", """{"metadata":{"finalizers":null}}""", "application/merge-patch+json");
        JsonObject? last;
        do
        {
            last = await watch.NextAsync();
        }
        while (last is not null && last["type"]!.GetValue<string>() != "DELETED");

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal("Terminating", terminating.Json!["status"]!["phase"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, createInTerminating.Status);
        Assert.Contains("because it is being terminated", createInTerminating.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, secretGone.Status);
        Assert.Equal("DELETED", last!["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await plane.GetAsync("/api/v1/namespaces/demo")).Status);
    }

    [Fact]
    public async Task DeleteCollection_WithLabelSelector_DeletesOnlyMatches()
    {
        await using var plane = await TestPlane.StartAsync();
        await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"a","labels":{"x":"1"}}}""");
        await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"b"}}""");

        var response = await plane.DeleteAsync(ConfigMaps + "?labelSelector=x%3D1");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await plane.GetAsync(ConfigMaps + "/a")).Status);
        Assert.Equal(HttpStatusCode.OK, (await plane.GetAsync(ConfigMaps + "/b")).Status);
    }

    [Fact]
    public async Task DeleteNamespace_Default_Returns403()
    {
        await using var plane = await TestPlane.StartAsync();

        var response = await plane.DeleteAsync("/api/v1/namespaces/default");

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("namespaces \"default\" is forbidden: this namespace may not be deleted", response.Message);
    }
}
