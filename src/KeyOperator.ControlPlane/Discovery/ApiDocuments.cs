// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Discovery;
using KeyOperator.ApiMachinery.OpenApi;
using KeyOperator.ControlPlane.Resources;

namespace KeyOperator.ControlPlane.Discovery;

/// <summary>Discovery and OpenAPI v3 documents built by KeyOperator.ApiMachinery from the registry, cached until
/// the served resources change (CRD created, updated or removed).</summary>
internal sealed class ApiDocuments
{
    private readonly ResourceRegistry _registry;
    private readonly Lock _sync = new();
    private OpenApiV3Documents? _openApi;

    public ApiDocuments(ResourceRegistry registry)
    {
        _registry = registry;
        registry.Changed += Invalidate;
    }

    public JsonObject AggregatedCore() => DiscoveryDocuments.BuildAggregatedCore(_registry.All());

    public JsonObject AggregatedGroups() => DiscoveryDocuments.BuildAggregatedGroups(_registry.All());

    public JsonObject ApiVersions(string serverAddress) => DiscoveryDocuments.BuildApiVersions(_registry.All(), serverAddress);

    public JsonObject ApiGroupList() => DiscoveryDocuments.BuildApiGroupList(_registry.All());

    public JsonObject? ApiResourceList(string groupVersion) => DiscoveryDocuments.BuildApiResourceList(_registry.All(), groupVersion);

    /// <summary>The APIGroup document for <c>/apis/&lt;group&gt;</c>, taken from the group list.</summary>
    public JsonObject? ApiGroup(string group)
    {
        var list = ApiGroupList();
        var match = list["groups"]?.AsArray().OfType<JsonObject>().FirstOrDefault(g => g["name"]?.ToString() == group);
        if (match is null)
        {
            return null;
        }

        var result = match.DeepClone().AsObject();
        result["kind"] = "APIGroup";
        result["apiVersion"] = "v1";
        return result;
    }

    public OpenApiV3Documents OpenApi()
    {
        lock (_sync)
        {
            return _openApi ??= OpenApiV3Documents.Build(_registry.All());
        }
    }

    private void Invalidate()
    {
        lock (_sync)
        {
            _openApi = null;
        }
    }
}
