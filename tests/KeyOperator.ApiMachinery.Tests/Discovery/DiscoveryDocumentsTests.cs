// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Discovery;

namespace KeyOperator.ApiMachinery.Tests.Discovery;

public sealed class DiscoveryDocumentsTests
{
    [Fact]
    public void BuildAggregatedCore_CoreResources_MatchesKubectlShape()
    {
        var doc = DiscoveryDocuments.BuildAggregatedCore(Descriptors.All);

        Assert.Equal("APIGroupDiscoveryList", (string?)doc["kind"]);
        Assert.Equal("apidiscovery.k8s.io/v2", (string?)doc["apiVersion"]);
        var item = Assert.Single(doc["items"]!.AsArray());
        Assert.Equal(string.Empty, (string?)item!["metadata"]!["name"]);
        var version = Assert.Single(item["versions"]!.AsArray());
        Assert.Equal("v1", (string?)version!["version"]);
        var ns = version["resources"]![0]!;
        Assert.Equal("namespaces", (string?)ns["resource"]);
        Assert.Equal("Cluster", (string?)ns["scope"]);
        Assert.Equal("Namespace", (string?)ns["responseKind"]!["kind"]);
        Assert.Equal(string.Empty, (string?)ns["responseKind"]!["group"]);
        Assert.Equal("ns", (string?)ns["shortNames"]![0]);
        Assert.Equal("status", (string?)ns["subresources"]![0]!["subresource"]);
        Assert.Null(ns["categories"]);
        Assert.Equal("Namespaced", (string?)version["resources"]![1]!["scope"]);
    }

    [Fact]
    public void BuildAggregatedGroups_TwoVersions_FirstIsPreferredAndCategoriesKept()
    {
        var doc = DiscoveryDocuments.BuildAggregatedGroups(Descriptors.All);

        var items = doc["items"]!.AsArray();
        Assert.Equal(["apiextensions.k8s.io", "example.com"], items.Select(i => (string)i!["metadata"]!["name"]!));
        var versions = items[1]!["versions"]!.AsArray();
        Assert.Equal(["v1", "v2"], versions.Select(v => (string)v!["version"]!));
        var widget = versions[0]!["resources"]![0]!;
        Assert.Equal("widget", (string?)widget["singularResource"]);
        Assert.Equal(["all", "example"], widget["categories"]!.AsArray().Select(c => (string)c!));
        Assert.Contains("watch", widget["verbs"]!.AsArray().Select(v => (string)v!));
    }

    [Fact]
    public void BuildApiVersions_Always_ListsV1AndServerAddress()
    {
        var doc = DiscoveryDocuments.BuildApiVersions(Descriptors.All, "127.0.0.1:6443");

        Assert.Equal("APIVersions", (string?)doc["kind"]);
        Assert.Equal("v1", (string?)doc["versions"]![0]);
        Assert.Equal("127.0.0.1:6443", (string?)doc["serverAddressByClientCIDRs"]![0]!["serverAddress"]);
    }

    [Fact]
    public void BuildApiGroupList_NamedGroups_PreferredIsFirstVersion()
    {
        var doc = DiscoveryDocuments.BuildApiGroupList(Descriptors.All);

        var example = doc["groups"]!.AsArray().Single(g => (string?)g!["name"] == "example.com")!;
        Assert.Equal("example.com/v1", (string?)example["preferredVersion"]!["groupVersion"]);
        Assert.Equal(2, example["versions"]!.AsArray().Count);
        Assert.Equal("example.com/v2", (string?)example["versions"]![1]!["groupVersion"]);
    }

    [Theory]
    [InlineData("v1", "namespaces", false, 3)]
    [InlineData("example.com/v1", "widgets", true, 2)]
    public void BuildApiResourceList_KnownGroupVersion_HasKindNamespacedAndStatusEntries(string groupVersion, string first, bool namespaced, int count)
    {
        var doc = DiscoveryDocuments.BuildApiResourceList(Descriptors.All, groupVersion)!;

        Assert.Equal(groupVersion, (string?)doc["groupVersion"]);
        var resources = doc["resources"]!.AsArray();
        Assert.Equal(count, resources.Count);
        Assert.Equal(first, (string?)resources[0]!["name"]);
        Assert.Equal(namespaced, (bool)resources[0]!["namespaced"]!);
        Assert.NotNull(resources[0]!["kind"]);
        Assert.Equal(first + "/status", (string?)resources[1]!["name"]);
        Assert.Equal(["get", "patch", "update"], resources[1]!["verbs"]!.AsArray().Select(v => (string)v!));
    }

    [Fact]
    public void BuildApiResourceList_UnknownGroupVersion_ReturnsNull()
    {
        Assert.Null(DiscoveryDocuments.BuildApiResourceList(Descriptors.All, "nope.io/v1"));
    }

    [Fact]
    public void AggregatedDocument_SerializesWithoutNullsOrExtraProperties()
    {
        var json = DiscoveryDocuments.BuildAggregatedGroups(Descriptors.All).ToJsonString();

        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
        Assert.NotNull(JsonNode.Parse(json));
    }
}
