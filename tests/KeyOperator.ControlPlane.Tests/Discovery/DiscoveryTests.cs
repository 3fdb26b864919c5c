// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using KeyOperator.ControlPlane.Tests.Crds;

namespace KeyOperator.ControlPlane.Tests.Discovery;

public sealed class DiscoveryTests
{
    private const string AggregatedAccept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

    [Fact]
    public async Task Apis_AggregatedAccept_ListsCrdGroupWithAggregatedContentType()
    {
        await using var plane = await TestPlane.StartAsync();
        await WidgetCrd.InstallAsync(plane);

        var response = await plane.SendAsync(HttpMethod.Get, "/apis", accept: AggregatedAccept);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("APIGroupDiscoveryList", response.Json!["kind"]!.GetValue<string>());
        Assert.Contains("\"example.com\"", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_LegacyAccept_ReturnsApiVersions()
    {
        await using var plane = await TestPlane.StartAsync();

        var response = await plane.GetAsync("/api");
        var core = await plane.GetAsync("/api/v1");

        Assert.Equal("APIVersions", response.Json!["kind"]!.GetValue<string>());
        Assert.Equal("APIResourceList", core.Json!["kind"]!.GetValue<string>());
        Assert.Contains("\"secrets\"", core.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiV3_RootAndGroupVersion_AreServed()
    {
        await using var plane = await TestPlane.StartAsync();
        await WidgetCrd.InstallAsync(plane);

        var root = await plane.GetAsync("/openapi/v3");
        var url = root.Json!["paths"]!["apis/example.com/v1"]!["serverRelativeURL"]!.GetValue<string>();
        var document = await plane.GetAsync(url);
        var v2 = await plane.GetAsync("/openapi/v2");

        Assert.Equal(HttpStatusCode.OK, document.Status);
        Assert.Contains("fieldValidation", document.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, v2.Status);
    }

    [Fact]
    public async Task Discovery_LegacyAndAggregated_AdvertiseTokenSubresourceAndTokenReviews()
    {
        await using var plane = await TestPlane.StartAsync();

        var core = await plane.GetAsync("/api/v1");
        var authentication = await plane.GetAsync("/apis/authentication.k8s.io/v1");
        var aggregatedCore = await plane.SendAsync(HttpMethod.Get, "/api", accept: AggregatedAccept);
        var aggregatedGroups = await plane.SendAsync(HttpMethod.Get, "/apis", accept: AggregatedAccept);

        var token = core.Json!["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "serviceaccounts/token")!;
        Assert.Equal(
            """{"name":"serviceaccounts/token","singularName":"","namespaced":true,"group":"authentication.k8s.io","version":"v1","kind":"TokenRequest","verbs":["create"]}""",
            token.ToJsonString());
        var reviews = Assert.Single(authentication.Json!["resources"]!.AsArray())!;
        Assert.Equal("""{"name":"tokenreviews","singularName":"tokenreview","namespaced":false,"kind":"TokenReview","verbs":["create"]}""", reviews.ToJsonString());
        var serviceAccounts = aggregatedCore.Json!["items"]![0]!["versions"]![0]!["resources"]!.AsArray().Single(r => r!["resource"]!.GetValue<string>() == "serviceaccounts")!;
        Assert.Equal(
            """[{"subresource":"token","responseKind":{"group":"authentication.k8s.io","version":"v1","kind":"TokenRequest"},"verbs":["create"]}]""",
            serviceAccounts["subresources"]!.ToJsonString());
        var group = aggregatedGroups.Json!["items"]!.AsArray().Single(g => g!["metadata"]!["name"]!.GetValue<string>() == "authentication.k8s.io")!;
        Assert.Equal("Cluster", group["versions"]![0]!["resources"]![0]!["scope"]!.GetValue<string>());
    }
}
