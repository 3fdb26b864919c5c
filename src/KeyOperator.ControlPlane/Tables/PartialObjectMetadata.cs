// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;

namespace KeyOperator.ControlPlane.Tables;

/// <summary>The metadata-only forms (<c>Accept: application/json;as=PartialObjectMetadata[List];g=meta.k8s.io;v=v1</c>)
/// that client-go's metadata client and informers ask for.</summary>
internal static class PartialObjectMetadata
{
    private const string ApiVersion = "meta.k8s.io/v1";

    /// <summary>True when a JSON media range asks for PartialObjectMetadata or PartialObjectMetadataList.</summary>
    public static bool Wants(string? accept)
    {
        if (string.IsNullOrEmpty(accept))
        {
            return false;
        }

        foreach (var range in accept.Split(','))
        {
            var parameters = range.Split(';', StringSplitOptions.TrimEntries);
            if (parameters[0] is "application/json" or "*/*"
                && (parameters.Contains("as=PartialObjectMetadata", StringComparer.Ordinal) || parameters.Contains("as=PartialObjectMetadataList", StringComparer.Ordinal))
                && parameters.Contains("g=meta.k8s.io", StringComparer.Ordinal)
                && (parameters.Contains("v=v1", StringComparer.Ordinal) || parameters.Contains("v=v1beta1", StringComparer.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    public static JsonObject Of(JsonObject obj) => new()
    {
        ["kind"] = "PartialObjectMetadata",
        ["apiVersion"] = ApiVersion,
        ["metadata"] = obj["metadata"]?.DeepClone() ?? new JsonObject(),
    };

    public static JsonObject List(JsonObject list)
    {
        var items = new JsonArray();
        foreach (var item in (list["items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            items.Add((JsonNode)Of(item));
        }

        return new JsonObject
        {
            ["kind"] = "PartialObjectMetadataList",
            ["apiVersion"] = ApiVersion,
            ["metadata"] = list["metadata"]?.DeepClone() ?? new JsonObject(),
            ["items"] = items,
        };
    }
}
