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
}
