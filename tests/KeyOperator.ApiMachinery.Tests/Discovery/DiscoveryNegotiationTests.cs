// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.ApiMachinery.Discovery;

namespace KeyOperator.ApiMachinery.Tests.Discovery;

public sealed class DiscoveryNegotiationTests
{
    [Theory]
    [InlineData("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json", true)]
    [InlineData("application/json; as=APIGroupDiscoveryList; v=v2; g=apidiscovery.k8s.io", true)]
    [InlineData("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;q=0,application/json", false)]
    [InlineData("application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList", false)]
    [InlineData("application/json, */*", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void WantsAggregated_AcceptHeader_DetectsAggregatedV2(string? accept, bool expected)
    {
        Assert.Equal(expected, DiscoveryNegotiation.WantsAggregated(accept));
    }

    [Fact]
    public void AggregatedContentType_IsTheExactMediaTypeKubectlParses()
    {
        Assert.Equal("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", DiscoveryDocuments.AggregatedContentType);
    }
}
