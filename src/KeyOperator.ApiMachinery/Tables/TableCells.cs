// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Json;

namespace KeyOperator.ApiMachinery.Tables;

/// <summary>Helpers that turn parts of an object into cell values.</summary>
internal static class TableCells
{
    public static string? Text(JsonNode? root, string path) =>
        SimpleJsonPath.First(root, path) is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static long Integer(JsonNode? root, string path) =>
        JsonNodes.TryGetInt64(SimpleJsonPath.First(root, path), out var number) ? number : 0;

    public static int Count(JsonNode? root, string path) => SimpleJsonPath.First(root, path) switch
    {
        JsonObject obj => obj.Count,
        JsonArray array => array.Count,
        _ => 0,
    };

    /// <summary>A cell for a custom printer column, typed like the apiserver's CRD table convertor does it.</summary>
    /// <remarks>
    /// Mirrors <c>cellForJSONValue</c> in apiextensions-apiserver <c>pkg/registry/customresource/tableconvertor</c>:
    /// only the first match is used, a value of the wrong type gives an empty (null) cell, dates become ages.
    /// </remarks>
    public static JsonNode? Typed(string type, JsonNode? value, DateTimeOffset now)
    {
        if (value is null)
        {
            return null;
        }

        var kind = value.GetValueKind();
        return type switch
        {
            "date" => kind == JsonValueKind.String ? HumanDuration.Since(value.GetValue<string>(), now) : null,
            "integer" => JsonNodes.TryGetInt64(value, out var integer) ? integer : null,
            "number" => kind == JsonValueKind.Number ? double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture) : null,
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False ? value.GetValue<bool>() : null,
            "string" => Print(value),
            _ => kind == JsonValueKind.String ? value.GetValue<string>() : null,
        };
    }

    /// <summary>Text of a value as the JSONPath printer writes it: strings raw, anything else as JSON.</summary>
    public static string Print(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.Number => value.ToJsonString(),
        _ => value.ToJsonString(),
    };
}
